/**
 * A Markdown text area with a live help line (what the text being typed will do) and mention
 * autocomplete: typing `@` and part of a name lists people; choosing one inserts
 * `[@Name](mention:<id>)` (shared/text/mentions.ts). Arrow keys move, Enter or Tab choose, Escape closes.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionMarkdown } from '../../../../shared/text/mentions.js';
import type { FieldControlProps } from '../../components/FormField.js';
import { mentionCandidates, type MentionPerson } from './mentionPeople.js';

/** Props of {@link MarkdownEditor}. */
export interface MarkdownEditorProps {
  control: FieldControlProps;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

/** The `@query` right before the caret, or null. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{M}' -]{0,30})$/u.exec(text.slice(0, caret));
  if (!match || (match[2] ?? '').includes('  ')) return null;
  return { start: caret - (match[2] ?? '').length - 1, query: match[2] ?? '' };
}

/** Which help line fits the text: raw HTML, a mention, a link, or the general reminder. */
function helpKey(text: string): string {
  if (/<\/?[a-z!]/i.test(text)) return 'forums.markdown.html';
  if (/(^|\s)@\S*$/.test(text)) return 'forums.markdown.mention';
  if (/!\[/.test(text)) return 'forums.markdown.image';
  if (/\]\(|https?:\/\//.test(text)) return 'forums.markdown.link';
  return 'forums.markdown.general';
}

/** The text area, its live help and the mention suggestions. */
export function MarkdownEditor({ control, value, onChange, rows = 8 }: MarkdownEditorProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState(0);
  const [people, setPeople] = useState<MentionPerson[]>([]);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const mention = mentionQuery(value, caret);
  const listId = `${control.id}-mentions`;
  const helpId = `${control.id}-markdown`;

  useEffect(() => {
    if (!mention) return undefined;
    let live = true;
    void mentionCandidates(mention.query).then((found) => live && setPeople(found));
    return () => {
      live = false;
    };
  }, [mention?.query, mention !== null]);

  const open = mention !== null && !closed && people.length > 0;
  const describedBy = useMemo(
    () => [control['aria-describedby'], helpId].filter(Boolean).join(' '),
    [control, helpId],
  );

  const choose = (person: MentionPerson) => {
    if (!mention) return;
    const inserted = `${mentionMarkdown(person.id, person.name)} `;
    const next = value.slice(0, mention.start) + inserted + value.slice(caret);
    const position = mention.start + inserted.length;
    pendingCaret.current = position;
    onChange(next);
    setCaret(position);
  };

  // Puts the caret after an inserted mention as soon as the new text is in the DOM, before the next
  // key is handled, so fast typing continues after the mention.
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    if (position === null || !area.current) return;
    pendingCaret.current = null;
    area.current.focus();
    area.current.setSelectionRange(position, position);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + people.length) % people.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const person = people[Math.min(active, people.length - 1)];
      if (person) {
        event.preventDefault();
        choose(person);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setClosed(true);
    }
  };

  return (
    <div className="markdown-editor">
      <textarea
        {...control}
        ref={area}
        rows={rows}
        value={value}
        dir="auto"
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setClosed(false);
          setActive(0);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="mention-list" aria-label={t('forums.mentions.label')}>
          {people.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'mention-list__active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(person);
              }}
            >
              {person.name}
              {person.city && <span className="hint"> · {person.city}</span>}
            </li>
          ))}
        </ul>
      )}
      <p id={helpId} className="hint markdown-help" aria-live="polite">
        {t(helpKey(value))}
      </p>
    </div>
  );
}
