// The chat screen: conversations with their badges, the transcript of the current one, the
// composer (or the ended-session screen), the whiteboard pinned on top and the side panel.
import { html, useState, useRef, useEffect, useLayoutEffect, useMemo } from '../../vendor/htm-preact.js';
import { conversations, itemsOf, audienceOf, audienceKey, isUnread, unreadIds, GROUP, pendingKey } from '../state/conversations.js';
import { layoutRows } from '../state/layout.js';
import { Message, Pending, Notices } from './message.js';
import { Composer } from './composer.js';
import { SidePanel } from './panel.js';
import { WaitingToasts } from './attention.js';
import { totalUnread } from '../state/attention.js';
import { showTitle } from '../attention.js';

// messages rendered at first (a screenful or three); scrolling to the top renders the page before
const PAGE = 60;
const NO_MEMBERS = [];

function conversationName(s, chat, key) {
  if (key === GROUP) return s.everyone;
  const others = audienceOf(key).filter((id) => id !== chat.me.id).map((id) => chat.name(id));
  return s.privateWith(s.list(others));
}

function Badges({ s, c }) {
  return html`${c.unread > 0 && html`<span class="badge unread-badge"><span aria-hidden="true">${c.unread}</span><span class="visually-hidden">${s.unread(c.unread)}</span></span>`}
    ${c.mentions > 0 && html`<span class="badge mention-badge"><span aria-hidden="true">@${c.mentions}</span><span class="visually-hidden">${s.mentionsOfMe(c.mentions)}</span></span>`}`;
}

function Conversations({ s, chat, cs, list }) {
  const [picking, setPicking] = useState(false);
  const others = cs.detail ? cs.detail.members.filter((m) => m.id !== chat.me.id) : [];
  const start = (e) => {
    e.preventDefault();
    const chosen = Array.from(e.target.querySelectorAll('input:checked')).map((box) => box.value);
    if (chosen.length === 0) return;
    chat.open(audienceKey([chat.me.id, ...chosen]));
    setPicking(false);
  };
  return html`<nav class="conversations" aria-label=${s.conversations}>
    <ul>${list.map((c) => html`<li key=${c.key}>
      <button type="button" class="conv" data-key=${c.key} aria-current=${c.key === cs.current ? 'true' : undefined}
        onClick=${() => chat.open(c.key)}><span class="conv-name">${conversationName(s, chat, c.key)}</span><${Badges} s=${s} c=${c} /></button>
    </li>`)}
      <li><button type="button" id="new-private" class="conv new" aria-expanded=${String(picking)} onClick=${() => setPicking(!picking)}>+ ${s.newPrivate}</button></li>
    </ul>
    ${picking && html`<form id="picker" class="picker" onSubmit=${start}><fieldset><legend>${s.choosePeople}</legend>
      ${others.map((m) => html`<label for=${`to-${m.id}`}><input type="checkbox" id=${`to-${m.id}`} value=${m.id} /> ${m.displayName}</label>`)}
      </fieldset><button type="submit" id="start-private">${s.start}</button>
      <button type="button" class="secondary" onClick=${() => setPicking(false)}>${s.cancel}</button></form>`}
  </nav>`;
}

/**
 * The transcript of one conversation, keyed by it: another conversation starts afresh (a page, at its
 * latest message) rather than in the scroll place and page size of the one read before.
 */
function Transcript({ s, chat, cs }) {
  const list = useRef(null);
  const atBottom = useRef(true);
  const [limit, setLimit] = useState(PAGE);
  const [jump, setJump] = useState(null);
  const [away, setAway] = useState(false);
  const index = cs.index;
  const items = useMemo(() => itemsOf(index.items, cs.current), [index.items, cs.current]);
  const rows = useMemo(() => layoutRows(items), [items]);
  // While the reader is up in the history, new rows lengthen the page instead of pushing what they
  // are reading off its top; back at the bottom, the page is trimmed to its size again.
  const grownAway = useRef({ rows: 0, extra: 0 });
  if (!atBottom.current && rows.length > grownAway.current.rows) grownAway.current.extra += rows.length - grownAway.current.rows;
  grownAway.current.rows = rows.length;
  const size = limit + grownAway.current.extra;
  const shown = rows.length > size ? rows.slice(rows.length - size) : rows;
  // where "New messages" goes: the first unread message once the conversation has loaded (this
  // component is keyed by the conversation, so it is worked out once per opening)
  const divider = useRef(undefined);
  if (divider.current === undefined && cs.timeline.maxID > 0) {
    const firstUnread = items.find((a) => isUnread(a, index.reads, chat.me.id, cs.readHere));
    divider.current = firstUnread ? firstUnread.id : null;
  }
  const members = cs.detail ? cs.detail.members : NO_MEMBERS;
  const therapist = chat.isTherapist;
  const pending = cs.queue.filter((q) => q.type === 'message' && pendingKey(q, chat.me.id, cs.timeline.byId) === cs.current);
  // at the bottom everything above has been passed, also what a jump or a fast scroll never showed;
  // not while the page is hidden (the reader is elsewhere)
  const allUnread = useMemo(() => unreadIds(items, index.reads, chat.me.id, cs.readHere), [items, index.reads, cs.readHere]);
  const readAll = useRef(null);
  readAll.current = () => {
    if (atBottom.current && allUnread.length && document.visibilityState === 'visible') chat.seen(allUnread);
  };
  useEffect(() => {
    // later, not in the effect: Preact may run an effect inside the next render, and chat.seen renders the page
    const soon = setTimeout(() => readAll.current(), 0);
    return () => clearTimeout(soon);
  }, [allUnread]);
  useEffect(() => {
    const visible = () => readAll.current();
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, []);

  // earlier messages rendered above: keep what was on screen where it was
  const fromBottom = useRef(null);
  useLayoutEffect(() => {
    const box = list.current;
    if (!box) return;
    if (fromBottom.current !== null) {
      box.scrollTop = box.scrollHeight - fromBottom.current;
      fromBottom.current = null;
    } else if (atBottom.current) {
      box.scrollTop = box.scrollHeight;
    }
  });
  // the unread messages shown, watched until read (set up again only when that set changes)
  const unread = new Set(shown.filter((row) => row.kind === 'message' && isUnread(row.item, index.reads, chat.me.id, cs.readHere))
    .map((row) => row.item.id));
  const unreadShown = Array.from(unread).join(',');
  useEffect(() => {
    const box = list.current;
    if (!box || !unreadShown) return undefined;
    const observer = new IntersectionObserver((entries) => {
      chat.seen(entries.filter((e) => e.isIntersecting).map((e) => Number(e.target.getAttribute('data-id'))));
    }, { root: box, threshold: 0.5 });
    for (const li of box.querySelectorAll('li[data-unread]')) observer.observe(li);
    return () => observer.disconnect();
  }, [unreadShown]);
  useEffect(() => {
    if (jump === null) return;
    const target = list.current && list.current.querySelector(`li[data-id="${jump}"]`);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
      setJump(null);
    } else if (limit < rows.length) {
      // render back to the target (and a little above it), not the whole conversation
      const at = rows.findIndex((row) => row.kind === 'message' && row.item.id === jump);
      setLimit(at < 0 ? rows.length : rows.length - Math.max(0, at - 5));
    } else {
      setJump(null);
    }
  }, [jump, limit]);

  const earlier = () => {
    const box = list.current;
    fromBottom.current = box.scrollHeight - box.scrollTop;
    setLimit(size + PAGE);
    grownAway.current.extra = 0;
  };
  const lastTop = useRef(0);
  const scrolled = () => {
    const box = list.current;
    if (!box) return; // a scroll event dispatched as the chat closed
    atBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    if (atBottom.current) grownAway.current.extra = 0;
    readAll.current();
    if (away === atBottom.current) setAway(!atBottom.current);
    // the reader scrolled up to the top (not the list growing under them): render the page before
    const up = box.scrollTop < lastTop.current;
    lastTop.current = box.scrollTop;
    if (up && box.scrollTop < 80 && rows.length > size && fromBottom.current === null) earlier();
  };
  const latest = () => {
    atBottom.current = true;
    grownAway.current.extra = 0;
    // back at the latest the page is a page again, whatever was loaded above on the way up
    setLimit(PAGE);
    setAway(false);
    list.current.scrollTop = list.current.scrollHeight;
  };
  // a message I just sent (a reply to one far up, say) is shown where it goes: at the latest
  const sent = useRef(null);
  const pendingIds = pending.map((q) => q.clientId).join(',');
  useLayoutEffect(() => {
    const fresh = sent.current !== null && pending.some((q) => !sent.current.has(q.clientId));
    sent.current = new Set(pending.map((q) => q.clientId));
    if (fresh && !atBottom.current) latest();
  }, [pendingIds]);

  return html`<div class="transcript-wrap">
    <ol id="messages" class="messages" ref=${list} onScroll=${scrolled} aria-live="polite" aria-label=${s.messages} tabindex="0">
      ${rows.length > size && html`<li class="earlier"><button type="button" id="earlier" class="link" onClick=${earlier}>${s.earlier}</button></li>`}
      ${shown.flatMap((row) => {
        // one flat list of keyed rows: a message keeps its element (and its open menu) however the page slides
        if (row.kind === 'day') return [html`<li key=${`d${row.day}`} class="day"><span>${s.day(row.timestamp)}</span></li>`];
        if (row.kind === 'notices') return [html`<${Notices} key=${`n${row.items[0].id}`} s=${s} chat=${chat} items=${row.items} />`];
        const m = row.item;
        const message = html`<${Message} key=${m.id} s=${s} chat=${chat} message=${m} first=${row.first}
          unread=${unread.has(m.id)} reactions=${index.reactions.get(m.id)} readers=${index.reads.get(m.id)}
          original=${m.target ? cs.timeline.byId.get(m.target) : undefined} members=${members} therapist=${therapist} onJump=${setJump} />`;
        if (m.id !== divider.current) return [message];
        return [html`<li key="unread" class="unread-divider" id="unread-divider"><span>${s.unreadDivider}</span></li>`, message];
      })}
      ${pending.map((q) => html`<${Pending} key=${q.clientId} s=${s} chat=${chat} item=${q} />`)}
    </ol>
    ${away && html`<button type="button" id="jump-latest" class="jump" onClick=${latest}>↓ ${s.jumpToLatest}</button>`}
  </div>`;
}

function Ended({ s, chat }) {
  return html`<section id="ended" class="ended" aria-labelledby="ended-title">
    <h2 id="ended-title">${s.endedTitle}</h2>
    <p>${chat.isTherapist ? s.readOnly : s.endedText}</p>
    <button type="button" id="to-surveys" onClick=${() => chat.leave()}>${chat.isTherapist ? s.backToSessions : s.toSurveys}</button>
  </section>`;
}

const FOCUSABLE = 'button:not([disabled]), textarea, input, select, a[href], [tabindex="0"]';
const WIDE = '(min-width: 1024px)';

/**
 * The side panel as a drawer on a phone: a modal dialog while open. Focus goes into it, Tab stays in
 * it, Escape or Close returns to the button that opened it, and the chat behind is inert.
 */
function useDrawer(panel, toggle) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) panel.current.querySelector('.close-panel').focus();
  }, [open]);
  useEffect(() => {
    // the focused button went away in a render (Admit became Remove in another list): stay in the dialog
    const lost = !document.activeElement || document.activeElement === document.body;
    if (open && lost) panel.current.querySelector('.close-panel').focus();
  });
  useEffect(() => {
    // a phone turned or a window widened into the desktop layout: the panel is a column again
    if (typeof matchMedia !== 'function') return undefined;
    const wide = matchMedia(WIDE);
    const change = () => { if (wide.matches) setOpen(false); };
    wide.addEventListener('change', change);
    return () => wide.removeEventListener('change', change);
  }, []);
  // back to the button that opened it once the chat behind is no longer inert
  const wasOpen = useRef(false);
  useEffect(() => {
    // (on a screen widened into the desktop layout the button is hidden: the panel itself takes focus)
    if (wasOpen.current && !open && toggle.current) {
      if (toggle.current.offsetParent !== null) toggle.current.focus();
      else if (panel.current) {
        const shown = Array.from(panel.current.querySelectorAll(FOCUSABLE)).find((el) => el.offsetParent !== null);
        (shown || panel.current).focus();
      }
    }
    wasOpen.current = open;
  }, [open]);
  const close = () => setOpen(false);
  const keys = (e) => {
    if (!open) return;
    if (e.key === 'Escape') { e.preventDefault(); close(); return; }
    if (e.key !== 'Tab') return;
    const inside = Array.from(panel.current.querySelectorAll(FOCUSABLE)).filter((el) => el.offsetParent !== null);
    if (inside.length === 0) return;
    const first = inside[0];
    const last = inside[inside.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  };
  return { open, toggle: () => setOpen(!open), close, keys };
}

export function ChatScreen({ s, chat, cs }) {
  const panel = useRef(null);
  const toggle = useRef(null);
  const drawer = useDrawer(panel, toggle);
  const d = cs.detail;
  const list = useMemo(() => conversations(cs.index.items, cs.index.reads, chat.me.id, cs.readHere, cs.opened),
    [cs.index, cs.readHere, cs.opened]);
  const notices = useMemo(() => cs.index.items.filter((a) => a.type === 'notice'), [cs.index.items]);
  const therapist = chat.isTherapist;
  const waiting = useMemo(() => (therapist && d && d.status !== 'ended' ? d.members.filter((m) => m.waiting) : []), [d, therapist]);
  const unread = totalUnread(list);
  const waitingNames = waiting.map((m) => m.displayName).join('\n');
  useEffect(() => {
    showTitle(s, { name: d && d.name, unread, waiting: waiting.map((m) => m.displayName) });
  }, [s, d && d.name, unread, waitingNames]);
  return html`<section id="chat" class=${`chat${chat.isTherapist ? ' therapist' : ''}${drawer.open ? ' drawer-open' : ''}`}
      data-live=${cs.live} aria-labelledby="chat-title">
    <div class="chat-main" inert=${drawer.open ? true : undefined}>
      <div class="chat-head">
        <div class="chat-heading">
          <h1 id="chat-title">${d ? d.name : ''}</h1>
          ${d && html`<p id="chat-meta" class="meta">${s.date(d.date)} · ${s.status[d.status] || d.status}${d.topic ? ` · ${d.topic}` : ''}</p>`}
        </div>
        <button type="button" id="panel-toggle" ref=${toggle} class="secondary panel-toggle" aria-expanded=${String(drawer.open)}
          aria-controls="side-panel" onClick=${drawer.toggle}><span aria-hidden="true">☰</span><span class="visually-hidden">${s.panel}</span></button>
        <button id="leave" type="button" class="secondary" onClick=${() => chat.leave()}>${s.leave}</button>
      </div>
      ${waiting.length > 0 && html`<${WaitingToasts} s=${s} chat=${chat} waiting=${waiting} />`}
      ${d && d.whiteboard && html`<div id="whiteboard" class="whiteboard" role="note" aria-label=${s.whiteboard}>${d.whiteboard}</div>`}
      <${Conversations} s=${s} chat=${chat} cs=${cs} list=${list} />
      <${Transcript} key=${cs.current} s=${s} chat=${chat} cs=${cs} />
      ${d && d.status === 'ended' ? html`<${Ended} s=${s} chat=${chat} />` : html`<${Composer} key=${cs.current} s=${s} chat=${chat} cs=${cs} />`}
    </div>
    <div id="side-panel" ref=${panel} class="side-panel" tabindex="-1" aria-label=${s.panel} onKeyDown=${drawer.keys}
        role=${drawer.open ? 'dialog' : 'complementary'} aria-modal=${drawer.open ? 'true' : undefined}>
      <button type="button" class="secondary close-panel" onClick=${drawer.close}>${s.closePanel}</button>
      <${SidePanel} s=${s} chat=${chat} cs=${cs} notices=${notices} />
    </div>
  </section>`;
}
