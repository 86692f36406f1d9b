// The sessions list: surveys to do first, then sessions of today, upcoming, past.

export function groupSessions(overview, now, timeZone) {
  const todo = [];
  const today = [];
  const upcoming = [];
  const past = [];
  const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const todayKey = day(now);
  for (const s of overview.therapy_sessions || []) {
    for (const a of s.assessments || []) {
      if (a.dueNow && a.url && a.status !== 'complete') todo.push({ ...a, session: s });
    }
    const date = new Date(s.date);
    if (s.status === 'open' || (day(date) === todayKey && s.status !== 'ended')) today.push(s);
    else if (s.status !== 'ended' && date > now) upcoming.push(s);
    else past.push(s);
  }
  upcoming.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  past.sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return { todo, today, upcoming, past };
}
