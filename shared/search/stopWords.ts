/**
 * Stop words per content language: words too common to find anything, left out of the index and of
 * queries. Written accent-folded (as {@link foldWord} leaves them), so "été" and "ete" are one entry.
 */
import type { ContentLanguage } from '../languages.js';
import { foldWord } from './normalize.js';

const WORDS: Record<ContentLanguage, string> = {
  en: `a about above after again all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would you
    your yours`,
  fr: `a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur
    leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses
    son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etait etaient etre est
    sont suis sommes etes ont avait avaient avons avez ai as a cela ceci ca aussi tres plus sans
    entre comme donc car si leur tout tous toute toutes contre chez vers aupres dont ou`,
  es: `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e
    el ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estaban estado estan
    estar este esto estos fue fueron ha habia han hasta hay la las le les lo los mas me mi mis mucho
    muy nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que quien se
    ser si sin sobre son su sus tambien te tiene tienen todo todos tu tus un una unas uno unos y ya yo`,
  ar: `في من على الى عن مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين ان او ثم كل كان كانت يكون
    تكون قد لقد لا لم لن ما هو هي هم هن انا نحن انت انتم هناك هنا حيث كما بين عند عندما اذا اي ايضا
    بعد قبل حتى منذ غير بعض وهو وهي وقد ولا وفي ومن وعلى وان او ام بل لكن ليس`,
};

const setOf = (words: string): ReadonlySet<string> =>
  new Set(words.split(/\s+/).filter(Boolean).map(foldWord));

const SETS: Record<ContentLanguage, ReadonlySet<string>> = {
  en: setOf(WORDS.en),
  fr: setOf(WORDS.fr),
  es: setOf(WORDS.es),
  ar: setOf(WORDS.ar),
};

/** Whether a folded word is a stop word of `language`. */
export function isStopWord(folded: string, language: ContentLanguage): boolean {
  return SETS[language].has(folded);
}

/** The languages in which a folded word is a stop word. */
export function stopWordLanguages(folded: string): ContentLanguage[] {
  return (Object.keys(SETS) as ContentLanguage[]).filter((lang) => SETS[lang].has(folded));
}
