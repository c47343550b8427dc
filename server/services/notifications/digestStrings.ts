/**
 * The words of notification e-mail in the interface languages (en, fr, ar, es). `{space}`, `{n}`,
 * `{author}` and `{url}` are filled in (and escaped for HTML) by digestEmail.ts.
 */
import type { UiLanguage } from '../../../shared/languages.js';

/** The strings of one language. */
export interface DigestStrings {
  digestSubject: string;
  intro: string;
  created: string;
  mentioned: string;
  replied: string;
  moderation: string;
  by: string;
  open: string;
  more: string;
  footerDaily: string;
  footerWeekly: string;
  footerMention: string;
}

/** Every language's strings. */
export const DIGEST_STRINGS: Record<UiLanguage, DigestStrings> = {
  en: {
    digestSubject: 'Concordia: your notification digest ({n})',
    intro: 'What happened in your spaces since your last digest:',
    created: 'New material in {space}',
    mentioned: 'You were mentioned in {space}',
    replied: 'New reply in {space}',
    moderation: 'A moderator acted on material in {space}',
    by: 'by {author}',
    open: 'Open',
    more: 'More notifications are waiting in Concordia.',
    footerDaily: 'You receive a daily digest. Change this in your notification preferences: {url}',
    footerWeekly: 'You receive a weekly digest. Change this in your notification preferences: {url}',
    footerMention:
      'You receive an e-mail when mentioned. Change this in your notification preferences: {url}',
  },
  fr: {
    digestSubject: 'Concordia : votre résumé de notifications ({n})',
    intro: 'Ce qui s’est passé dans vos espaces depuis votre dernier résumé :',
    created: 'Nouveau contenu dans {space}',
    mentioned: 'Vous avez été mentionné·e dans {space}',
    replied: 'Nouvelle réponse dans {space}',
    moderation: 'Une modératrice ou un modérateur est intervenu sur un contenu de {space}',
    by: 'par {author}',
    open: 'Ouvrir',
    more: 'D’autres notifications vous attendent dans Concordia.',
    footerDaily:
      'Vous recevez un résumé quotidien. Modifiez ce choix dans vos préférences de notification : {url}',
    footerWeekly:
      'Vous recevez un résumé hebdomadaire. Modifiez ce choix dans vos préférences de notification : {url}',
    footerMention:
      'Vous recevez un e-mail quand on vous mentionne. Modifiez ce choix dans vos préférences de notification : {url}',
  },
  ar: {
    digestSubject: 'كونكورديا: ملخص إشعاراتك ({n})',
    intro: 'ما جرى في مساحاتك منذ آخر ملخص:',
    created: 'محتوى جديد في {space}',
    mentioned: 'تمت الإشارة إليك في {space}',
    replied: 'رد جديد في {space}',
    moderation: 'اتخذ أحد المشرفين إجراءً بشأن محتوى في {space}',
    by: 'بقلم {author}',
    open: 'فتح',
    more: 'هناك إشعارات أخرى بانتظارك في كونكورديا.',
    footerDaily: 'تتلقى ملخصًا يوميًا. يمكنك تغيير ذلك في تفضيلات الإشعارات: {url}',
    footerWeekly: 'تتلقى ملخصًا أسبوعيًا. يمكنك تغيير ذلك في تفضيلات الإشعارات: {url}',
    footerMention: 'تتلقى رسالة بريد إلكتروني عند الإشارة إليك. يمكنك تغيير ذلك في تفضيلات الإشعارات: {url}',
  },
  es: {
    digestSubject: 'Concordia: su resumen de notificaciones ({n})',
    intro: 'Lo que ocurrió en sus espacios desde su último resumen:',
    created: 'Material nuevo en {space}',
    mentioned: 'Le mencionaron en {space}',
    replied: 'Nueva respuesta en {space}',
    moderation: 'Una persona moderadora actuó sobre material de {space}',
    by: 'de {author}',
    open: 'Abrir',
    more: 'Hay más notificaciones esperándole en Concordia.',
    footerDaily: 'Recibe un resumen diario. Puede cambiarlo en sus preferencias de notificación: {url}',
    footerWeekly: 'Recibe un resumen semanal. Puede cambiarlo en sus preferencias de notificación: {url}',
    footerMention:
      'Recibe un correo cuando le mencionan. Puede cambiarlo en sus preferencias de notificación: {url}',
  },
};
