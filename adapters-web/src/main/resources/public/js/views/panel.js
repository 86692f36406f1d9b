// The side panel: members (in the chat, waiting now, not here yet or left) with admit / remove for
// therapists, "Notify me", the whiteboard editor, notices and End session. A column on a wide
// screen, a drawer on a phone.
import { html } from '../../vendor/htm-preact.js';
import { memberGroups } from '../state/attention.js';
import { NotifyToggle, SoundToggle, Hourglass } from './attention.js';
import { noticeText } from '../state/notices.js';

const MARKS = { inChat: 'dot on', waiting: 'hourglass', notHere: 'dot' };

function MemberList({ s, chat, id, kind, title, members, therapist }) {
  if (members.length === 0) return null;
  return html`<section aria-labelledby=${id} class=${`group-${kind}`}><h3 id=${id}>${title} (${members.length})</h3>
    <ul class="members">${members.map((m) => html`<li>
      ${kind === 'waiting' ? html`<${Hourglass} />` : html`<span class=${MARKS[kind]} aria-hidden="true"></span>`}
      <span class="member-name">${m.displayName}${m.role === 'therapist' ? ` (${s.therapist})` : ''}${m.id === chat.me.id ? ` (${s.you})` : ''}</span>
      ${therapist && m.role !== 'therapist' && html`<button type="button" class="small"
        aria-label=${`${m.admitted ? s.revoke : s.admit}: ${m.displayName}`}
        onClick=${() => (m.admitted ? chat.revoke(m.id) : chat.admit(m.id))}>${m.admitted ? s.revoke : s.admit}</button>`}
    </li>`)}</ul></section>`;
}

export function SidePanel({ s, chat, cs, notices }) {
  const d = cs.detail;
  if (!d) return null;
  const therapist = chat.isTherapist;
  const g = memberGroups(d.members);
  const ended = d.status === 'ended';
  return html`<div class="panel-body">
    <h2 class="panel-title">${s.members}</h2>
    <${MemberList} s=${s} chat=${chat} id="in-chat-title" kind="inChat" title=${s.inChat} members=${g.inChat} therapist=${therapist} />
    <${MemberList} s=${s} chat=${chat} id="waiting-title" kind="waiting" title=${s.waitingNow} members=${g.waiting} therapist=${therapist} />
    <${MemberList} s=${s} chat=${chat} id="not-here-title" kind="notHere" title=${s.notHere} members=${g.notHere} therapist=${therapist} />
    ${!ended && html`<${NotifyToggle} s=${s} id="notify-toggle" therapist=${therapist} />`}
    ${therapist && !ended && html`<${SoundToggle} s=${s} />`}
    ${therapist && !ended && html`<div id="therapist-tools">
      <form id="whiteboard-form" onSubmit=${(e) => { e.preventDefault(); chat.whiteboard(e.target.elements['whiteboard-text'].value); }}>
        <h2><label for="whiteboard-text">${s.whiteboard}</label></h2>
        <textarea id="whiteboard-text" rows="3" maxlength="2000" value=${d.whiteboard || ''}></textarea>
        <button type="submit">${s.pin}</button>
      </form>
      <section aria-labelledby="notices-title"><h2 id="notices-title">${s.noticesTitle}</h2>
        ${notices.length === 0 ? html`<p class="meta">${s.noNotices}</p>`
          : html`<ul class="panel-notices">${notices.slice(-8).reverse().map((n) => html`<li><time datetime=${n.timestamp}>${s.time(n.timestamp)}</time> ${noticeText(s, n, (id) => chat.memberName(id))}</li>`)}</ul>`}
      </section>
      <button id="end-session" type="button" class="danger" onClick=${() => { if (confirm(s.confirmEnd)) chat.end(); }}>${s.endSession}</button>
    </div>`}
  </div>`;
}
