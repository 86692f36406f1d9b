// One message bubble: sender, reply quote, body with mentions marked, reactions as chips, the
// "⋯" menu with reply / react / delete, and a compact "Seen by". Everything is text.
import { html, useState, useRef, useEffect } from '../../vendor/htm-preact.js';
import { segments } from '../state/mentions.js';
import { noticeText } from '../state/notices.js';
import { errorText } from '../errors.js';
import { memo } from './memo.js';

export const ICONS = { heart: '❤️', smile: '😊', sad: '😢', angry: '😠' };

function Body({ chat, message, members }) {
  return html`<div class="text">${segments(message.body, message.mentions, members, chat.me.id).map((part) => (part.mention
    ? html`<mark class=${part.me ? 'mention mention-me' : 'mention'}>${part.text}</mark>` : part.text))}</div>`;
}

function Quote({ s, chat, original, onJump }) {
  if (!original) return null;
  const target = original.id;
  const text = original.deleted ? s.deleted : (original.body || '');
  return html`<button type="button" class="quote" onClick=${() => onJump(target)}>
    <span class="quote-who">${chat.name(original.user)}</span>
    <span class="quote-text">${text.length > 140 ? `${text.slice(0, 140)}…` : text}</span>
  </button>`;
}

const LONG_PRESS_MS = 500;

/**
 * Reactions as chips with counts. Who reacted is in each chip's label (screen readers, keyboard)
 * and title (a mouse hovering); a long press on a touch screen shows it above the chip, where
 * nothing moves under the finger.
 */
function Reactions({ s, chat, message, reactions }) {
  const [who, setWho] = useState(null);
  const press = useRef({ timer: null, long: false, down: false });
  useEffect(() => () => clearTimeout(press.current.timer), []);
  if (!reactions || reactions.size === 0) return null;
  const namesOf = (users) => s.list(Array.from(users).map((u) => (u === chat.me.id ? s.you : chat.name(u))));
  const down = (icon) => (e) => {
    if (e.pointerType === 'mouse') return;
    press.current.long = false;
    press.current.down = true;
    clearTimeout(press.current.timer);
    press.current.timer = setTimeout(() => { press.current.long = true; setWho(icon); }, LONG_PRESS_MS);
  };
  const up = () => {
    press.current.down = false;
    clearTimeout(press.current.timer);
  };
  const click = (icon) => () => {
    // the click that ends a long press only shows who reacted
    if (press.current.long) { press.current.long = false; return; }
    setWho(null);
    chat.react(message.id, icon);
  };
  const shownUsers = who && reactions.get(who);
  return html`<div class="chips">${Array.from(reactions.entries()).map(([icon, users]) => {
    const names = namesOf(users);
    return html`<button type="button" class=${users.has(chat.me.id) ? 'chip chip-mine' : 'chip'} title=${names}
      aria-label=${`${s.icons[icon] || icon} ${users.size}: ${names}`} aria-pressed=${String(users.has(chat.me.id))}
      data-icon=${icon} onPointerDown=${down(icon)} onPointerUp=${up} onPointerCancel=${up} onPointerLeave=${up}
      onContextMenu=${(e) => { if (press.current.down) e.preventDefault(); }}
      onClick=${click(icon)}><span aria-hidden="true">${ICONS[icon] || icon} ${users.size}</span></button>`;
  })}
    ${shownUsers && html`<button type="button" class="who-reacted" onClick=${() => setWho(null)}>
      <span aria-hidden="true">${ICONS[who] || who}</span> ${namesOf(shownUsers)}<span class="visually-hidden">, ${s.closePanel}</span></button>`}
  </div>`;
}

function MenuButton({ s, message, open, setOpen }) {
  return html`<button type="button" class="menu-button" aria-expanded=${String(open)} aria-controls=${`menu-${message.id}`}
    aria-label=${s.actions} onClick=${() => setOpen(!open)}><span aria-hidden="true">⋯</span></button>`;
}

function MenuItems({ s, chat, message, canDelete, setOpen }) {
  const close = (then) => () => { setOpen(false); then(); };
  return html`<div class="menu-items" id=${`menu-${message.id}`} onKeyDown=${(e) => { if (e.key === 'Escape') setOpen(false); }}>
    <button type="button" class="reply" onClick=${close(() => chat.setReply(message.id))}>${s.reply}</button>
    ${Object.entries(ICONS).map(([icon, glyph]) => html`<button type="button" class=${`react react-${icon}`}
      aria-label=${s.reactWith(s.icons[icon])} title=${s.reactWith(s.icons[icon])}
      onClick=${close(() => chat.react(message.id, icon))}><span aria-hidden="true">${glyph}</span></button>`)}
    ${canDelete && html`<button type="button" class="delete danger-text"
      onClick=${close(() => { if (confirm(s.confirmDelete)) chat.remove(message.id); })}>${s.delete}</button>`}
  </div>`;
}

function SeenBy({ s, chat, message, readers }) {
  const others = Array.from(readers || []).filter((u) => u !== message.user && u !== chat.me.id).map((u) => chat.name(u));
  if (others.length === 0) return null;
  const shown = others.length > 3 ? `${others.slice(0, 2).join(', ')} +${others.length - 2}` : s.list(others);
  return html`<div class="seen" title=${s.list(others)}>${s.seenBy(shown)}</div>`;
}

/**
 * One message. Everything it shows comes in its props (its reactions and readers, the message it
 * replies to, the members whose names it shows), so it renders again only when one of them changes.
 */
export const Message = memo(({ s, chat, message, first, unread, reactions, readers, original, members, therapist, onJump }) => {
  const [open, setOpen] = useState(false);
  const mine = message.user === chat.me.id;
  const mentionsMe = (message.mentions || []).includes(chat.me.id);
  const classes = ['msg', mine ? 'mine' : 'theirs', first ? 'first' : 'more', message.recipients.length ? 'private' : '',
    mentionsMe ? 'mentions-me' : '', message.deleted ? 'is-deleted' : ''].filter(Boolean).join(' ');
  return html`<li class=${classes} data-id=${message.id} data-unread=${unread ? 'true' : undefined} tabindex="-1">
    ${(first || !mine) && html`<span class=${first ? 'who' : 'who visually-hidden'}>${mine ? s.you : chat.name(message.user)}</span>`}
    <div class="msg-row">
      <div class="bubble">
        ${message.target && html`<${Quote} s=${s} chat=${chat} original=${original} onJump=${onJump} />`}
        ${message.deleted ? html`<div class="deleted">${s.deleted}</div>` : html`<${Body} chat=${chat} message=${message} members=${members} />`}
        <time class="when" datetime=${message.timestamp}>${s.time(message.timestamp)}</time>
      </div>
      ${!message.deleted && html`<${MenuButton} s=${s} message=${message} open=${open} setOpen=${setOpen} />`}
    </div>
    ${open && !message.deleted && html`<${MenuItems} s=${s} chat=${chat} message=${message} canDelete=${mine || therapist} setOpen=${setOpen} />`}
    ${!message.deleted && html`<${Reactions} s=${s} chat=${chat} message=${message} reactions=${reactions} />`}
    <${SeenBy} s=${s} chat=${chat} message=${message} readers=${readers} />
  </li>`;
});

export function Pending({ s, chat, item }) {
  return html`<li class=${`msg mine pending${item.failed ? ' failed' : ''}`}>
    <div class="bubble"><div class="text">${item.body}</div>
      ${item.failed ? html`<div class="failed-line" role="alert">${s.notSent(errorText(s, item.failed))}
          <button type="button" class="link retry" onClick=${() => chat.retry(item.clientId)}>${s.retry}</button>
          <button type="button" class="link discard" onClick=${() => chat.discard(item.clientId)}>${s.discard}</button></div>`
        : html`<span class="sending">${s.sending}</span>`}
    </div>
  </li>`;
}

export function Notices({ s, chat, items }) {
  const [open, setOpen] = useState(false);
  const text = (n) => noticeText(s, n, (id) => chat.memberName(id));
  if (items.length === 1) return html`<li class="notice-line">${text(items[0])}</li>`;
  return html`<li class="notice-line">
    <button type="button" class="link fold" aria-expanded=${String(open)} onClick=${() => setOpen(!open)}>
      ${open ? s.notices(items.length) : items.map(text).join(' · ')}</button>
    ${open && html`<ul class="notice-list">${items.map((n) => html`<li>${s.time(n.timestamp)} ${text(n)}</li>`)}</ul>`}
  </li>`;
}
