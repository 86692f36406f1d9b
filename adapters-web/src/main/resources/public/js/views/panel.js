// The side panel: members (present, away, waiting) with admit / remove for therapists, the
// whiteboard editor, notices and End session. A column on a wide screen, a drawer on a phone.
import { html } from '../../vendor/htm-preact.js';
import { noticeText } from '../state/notices.js';

function MemberList({ s, chat, id, title, members, therapist }) {
  if (members.length === 0) return null;
  return html`<section aria-labelledby=${id}><h3 id=${id}>${title} (${members.length})</h3>
    <ul class="members">${members.map((m) => html`<li>
      <span class=${m.present ? 'dot on' : 'dot'} aria-hidden="true"></span>
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
  const members = d.members;
  const waiting = members.filter((m) => !m.admitted && m.role !== 'therapist');
  const present = members.filter((m) => m.present && !waiting.includes(m));
  const away = members.filter((m) => !m.present && !waiting.includes(m));
  const ended = d.status === 'ended';
  return html`<div class="panel-body">
    <h2 class="panel-title">${s.members}</h2>
    <${MemberList} s=${s} chat=${chat} id="present-title" title=${s.present} members=${present} therapist=${therapist} />
    <${MemberList} s=${s} chat=${chat} id="away-title" title=${s.away} members=${away} therapist=${therapist} />
    <${MemberList} s=${s} chat=${chat} id="waiting-title" title=${s.waitingList} members=${waiting} therapist=${therapist} />
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
