// The composer: pinned at the bottom, grows with the text; Enter sends with a desktop keyboard
// (Shift+Enter for a new line), the Send button everywhere; typing @ offers the members.
import { html, useState, useRef, useEffect } from '../../vendor/htm-preact.js';
import { mentionQuery, matchMembers, applyMention } from '../state/mentions.js';

// a touch-first device (a phone) keeps Enter for new lines and sends with the button
const desktopKeyboard = () => typeof matchMedia !== 'function' || !matchMedia('(pointer: coarse)').matches;

export function Composer({ s, chat, cs }) {
  const area = useRef(null);
  const research = useRef({ history: [], startedAt: null });
  const [suggest, setSuggest] = useState(null);
  const members = cs.detail ? cs.detail.members : [];
  const replyTo = cs.replyTo && cs.timeline.byId.get(cs.replyTo);

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

  return html`<form id="composer" class="composer" onSubmit=${(e) => { e.preventDefault(); send(); }}>
    ${replyTo && html`<div id="replying" class="replying">
      <span>${s.replyingTo(chat.name(replyTo.user))}: <span class="replying-text">${replyTo.deleted ? s.deleted : replyTo.body}</span></span>
      <button id="cancel-reply" type="button" class="link" onClick=${() => chat.setReply(null)}>${s.cancelReply}</button>
    </div>`}
    ${suggest && html`<ul id="mention-list" class="suggestions" role="listbox" aria-label=${s.suggestions}>
      ${suggest.options.map((m, i) => html`<li id=${`mention-${i}`} role="option" aria-selected=${String(i === suggest.active)}
        class=${i === suggest.active ? 'active' : ''} onMouseDown=${(e) => { e.preventDefault(); pick(m); }}>${m.displayName}</li>`)}
    </ul>`}
    <div class="composer-row">
      <label for="body" class="visually-hidden">${s.message}</label>
      <textarea id="body" ref=${area} rows="1" maxlength="4000" placeholder=${s.writeMessage}
        aria-autocomplete="list" aria-controls=${suggest ? 'mention-list' : undefined}
        aria-activedescendant=${suggest ? `mention-${suggest.active}` : undefined}
        onBeforeInput=${record} onInput=${look} onKeyDown=${keys} onBlur=${() => setTimeout(() => setSuggest(null), 150)}></textarea>
      <button type="submit" class="send">${s.send}</button>
    </div>
  </form>`;
}
