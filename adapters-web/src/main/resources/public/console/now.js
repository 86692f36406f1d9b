// The "now" screen: sessions with someone present first, then by activity.

export function nowRows(answer) {
  const sessions = (answer && answer.sessions) || [];
  return sessions.map((s) => ({ id: s.id, name: s.name || s.id, status: s.status,
    present: (s.present || []).map((p) => p.displayName || p.id), messages: s.messagesLast5Minutes || 0 }))
    .sort((a, b) => (b.present.length > 0) - (a.present.length > 0) || b.messages - a.messages || a.name.localeCompare(b.name));
}

export function nowTotals(rows) {
  return { sessions: rows.filter((r) => r.present.length > 0).length,
    people: rows.reduce((n, r) => n + r.present.length, 0), messages: rows.reduce((n, r) => n + r.messages, 0) };
}
