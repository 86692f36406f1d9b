// The composer of one conversation (keyed by it): pinned at the bottom, grows with the text; Enter
// sends with a desktop keyboard (Shift+Enter for a new line), the Send button everywhere; typing @
// offers the members. Its label says who will read the message, and what is typed stays with the
// conversation as its draft until it is sent.
import { html, useState, useRef, useEffect, useLayoutEffect } from '../../vendor/htm-preact.js';
import { mentionQuery, matchMembers, applyMention } from '../state/mentions.js';
import { composerAudience } from '../state/conversations.js';

// a touch-first device (a phone) keeps Enter for new lines and sends with the button
const desktopKeyboard = () => typeof matchMedia !== 'function' || !matchMedia('(pointer: coarse)').matches;

// drawn, not emoji: the same on every device and in every font
const LOCK = html`<svg class="to-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
  <path fill="currentColor" d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5zm1.6 0h3.8V5a1.9 1.9 0 0 0-3.8 0v2z"/></svg>`;
const PEOPLE = html`<svg class="to-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
  <path fill="currentColor" d="M5.5 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zm5.5 0a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM0.5 13.5c0-2.5 2.2-4.5 5-4.5s5 2 5 4.5v.5h-10v-.5zm10.9.5c0-1.6-.6-3-1.6-4 .4-.1.8-.1 1.2-.1 2.3 0 4.5 1.6 4.5 3.8v.3h-4.1z"/></svg>`;

export function Composer({ s, chat, cs }) {
  const area = useRef(null);
  const research = useRef({ history: [], startedAt: null });
  const [suggest, setSuggest] = useState(null);
  const members = cs.detail ? cs.detail.members : [];
  const replyTo = cs.replyTo && cs.timeline.byId.get(cs.replyTo);
  const audience = composerAudience(cs.current, members, chat.me.id);

  // this conversation's draft, typed here before (or before a reload of the tab)
  useLayoutEffect(() => { area.current.value = chat.draft(cs.current); }, []);
  const keep = () => chat.keepDraft(cs.current, area.current.value);

  useEffect(() => { if (cs.replyTo && area.current) area.current.focus(); }, [cs.replyTo]);

  const look = () => {
    const box = area.current;
    const mention = mentionQuery(box.value, box.selectionStart);
    const options = mention ? matchMembers(members, mention.query, chat.me.id) : [];
    setSuggest(options.length ? { mention, options, active: 0 } : null);
  };
  const pick = (member) => {
    const box = area.current;
    const next = applyMention(box.value, suggest.mention, box.selectionStart, member.displayName);
    box.value = next.text;
    box.setSelectionRange(next.caret, next.caret);
    box.focus();
    keep();
    setSuggest(null);
  };
  const send = () => {
    const box = area.current;
    if (!box.value.trim()) return;
    const r = research.current;
    const elapsed = r.startedAt === null ? 0 : Math.round(performance.now() - r.startedAt);
    chat.send(box.value, { character_history: r.history.slice(0, 20000), time_to_complete: `${elapsed}ms` });
    box.value = '';
    research.current = { history: [], startedAt: null };
    setSuggest(null);
  };
  const record = (event) => {
    const r = research.current;
    if (r.startedAt === null) r.startedAt = performance.now();
    if (event.inputType === 'deleteContentBackward') r.history.push('Backspace');
    else if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') r.history.push('Enter');
    else if (event.data) r.history.push(...Array.from(event.data));
  };
  const keys = (e) => {
    if (suggest) {
      const n = suggest.options.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setSuggest({ ...suggest, active: (suggest.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); pick(suggest.options[suggest.active]); return; }
      if (e.key === 'Escape') { e.preventDefault(); setSuggest(null); return; }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || (!e.shiftKey && desktopKeyboard()))) { e.preventDefault(); send(); }
  };

  return html`<form id="composer" class=${audience.private ? 'composer composer-private' : 'composer'} onSubmit=${(e) => { e.preventDefault(); send(); }}>
    ${replyTo && html`<div id="replying" class="replying">
      <span>${s.replyingTo(chat.name(replyTo.user))}: <span class="replying-text">${replyTo.deleted ? s.deleted : replyTo.body}</span></span>
      <button id="cancel-reply" type="button" class="link" onClick=${() => chat.setReply(null)}>${s.cancelReply}</button>
    </div>`}
    ${suggest && html`<ul id="mention-list" class="suggestions" role="listbox" aria-label=${s.suggestions}>
      ${suggest.options.map((m, i) => html`<li id=${`mention-${i}`} role="option" aria-selected=${String(i === suggest.active)}
        class=${i === suggest.active ? 'active' : ''} onMouseDown=${(e) => { e.preventDefault(); pick(m); }}>${m.displayName}</li>`)}
    </ul>`}
    <label for="body" class="to">${audience.private ? LOCK : PEOPLE}<span>${audience.private
      ? s.privateTo(s.list(audience.names)) : s.toEveryone(audience.count)}</span></label>
    <div class="composer-row">
      <textarea id="body" ref=${area} rows="1" maxlength="4000" placeholder=${s.writeMessage}
        aria-autocomplete="list" aria-controls=${suggest ? 'mention-list' : undefined}
        aria-activedescendant=${suggest ? `mention-${suggest.active}` : undefined}
        onBeforeInput=${record} onInput=${() => { keep(); look(); }} onKeyDown=${keys} onBlur=${() => setTimeout(() => setSuggest(null), 150)}></textarea>
      <button type="submit" class="send">${s.send}</button>
    </div>
  </form>`;
}
