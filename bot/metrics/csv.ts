import type { DashboardFigures, TimeFigures } from './dashboard';
import type { Period } from './period';

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Number.isInteger(value) ? value : Math.round(value * 10_000) / 10_000) : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines joined with CRLF (RFC 4180), ending with one. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

type Row = [metric: string, label: string, value: number | null, unit: string];

function timeRows(prefix: string, name: string, t: TimeFigures): Row[] {
  return [
    [`${prefix}_measured`, `${name}: gemessene Anfragen`, t.count, 'count'],
    [`${prefix}_median`, `${name}, Median`, t.median, 'business_minutes'],
    [`${prefix}_p90`, `${name}, 90. Perzentil`, t.p90, 'business_minutes'],
    [`${prefix}_target`, `${name}, Zielwert`, t.targetMinutes, 'business_minutes'],
    [`${prefix}_within_target_rate`, `${name}, Anteil im Ziel`, t.withinTarget, 'ratio'],
    [`${prefix}_breaches`, `${name}, Zielverletzungen`, t.breaches, 'count'],
    [`${prefix}_open_breaches`, `${name}, Zielverletzungen noch offen`, t.openBreaches, 'count']
  ];
}

/** The metric rows of one department's figures: id, German label, value, unit. */
export function metricRows(f: DashboardFigures): Row[] {
  return [
    ['questions', 'Fragen', f.questions, 'count'],
    ['conversations', 'Gespräche mit Fragen', f.conversations, 'count'],
    ['deflection_rate', 'Ohne Mensch beantwortet (Anteil der Fragen)', f.deflection.rate, 'ratio'],
    ['deflected_questions', 'Ohne Mensch beantwortete Fragen', f.deflection.deflected, 'count'],
    ['handoff_rate', 'Übergaberate (Anteil der Gespräche)', f.handoff.rate, 'ratio'],
    ['handed_off_conversations', 'An Menschen übergebene Gespräche', f.handoff.handedOff, 'count'],
    ['first_contact_resolution_rate', 'Erstkontaktlösung', f.firstContactResolution.rate, 'ratio'],
    ['first_contact_resolution_answered', 'Erledigte Anfragen mit Antwort auf "gelöst?"', f.firstContactResolution.answered, 'count'],
    ...timeRows('first_response', 'Zeit bis zur ersten Antwort', f.firstResponse),
    ...timeRows('resolution', 'Zeit bis zur Lösung', f.resolution),
    ['satisfaction_mean', 'Zufriedenheit, Mittelwert (1–5)', f.satisfaction.mean, 'rating'],
    ['satisfaction_good_share', 'Zufriedenheit, Anteil Bewertungen 4 und 5', f.satisfaction.goodShare, 'ratio'],
    ['satisfaction_ratings', 'Bewertungen', f.satisfaction.count, 'count'],
    ['requests', 'Anfragen', f.requests.total, 'count'],
    ...(['waiting', 'open', 'in_progress', 'resolved', 'cancelled'] as const).map((status): Row => [`requests_${status}`, `Anfragen, Status ${status}`, f.requests.byStatus[status] ?? 0, 'count'])
  ];
}

/** The dashboard as CSV: one row per department and metric, with the period. */
export function dashboardCsv(figures: ReadonlyMap<string, DashboardFigures>, names: (department: string) => string, period: Pick<Period, 'fromDate' | 'toDate'>): string {
  const rows: Array<Array<string | number | null>> = [['department', 'department_name', 'metric', 'label', 'value', 'unit', 'from', 'to']];
  for (const [department, f] of figures) {
    for (const [metric, label, value, unit] of metricRows(f)) rows.push([department, names(department), metric, label, value, unit, period.fromDate, period.toDate]);
  }
  return csvLines(rows);
}
