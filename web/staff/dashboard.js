// Anlaufstelle – Service-Dashboard. Plain browser JavaScript with Chart.js (served by the bot from
// node_modules), no build step. Talks to /api/staff/dashboard and /api/staff/knowledge-gaps
// (docs/dashboard.md). Server texts are always inserted as text, never as HTML.
'use strict';

(() => {
  const ROLE = { agent: 'Sachbearbeitung', lead: 'Teamleitung', admin: 'Administration' };
  const LANGUAGE = { de: 'Deutsch', en: 'Englisch' };
  /** Names of intents and of the decisions that are not an answer, for the per-topic chart. */
  const TOPIC_NAMES = {
    'decision:out_of_scope': 'Nicht beantwortet (kein passendes Thema)',
    'decision:clarify': 'Rückfrage gestellt',
    'decision:disambiguate': 'Auswahl angeboten',
    human: 'Wunsch nach Ansprechperson',
    it_problem_report: 'IT-Störung melden',
    request_status: 'Stand meiner Anfrage',
    hr_confidential: 'Vertrauliches HR-Anliegen',
    start_onboarding: 'Onboarding starten',
    start_offboarding: 'Offboarding starten',
    start_desk_move: 'Arbeitsplatzumzug',
    oos: 'Außerhalb des Angebots'
  };
  const COLORS = {
    accent: '#00667f',
    accentLight: '#7fb8c6',
    accentSoft: 'rgba(0, 102, 127, 0.12)',
    amber: '#d08a1c',
    red: '#a4262c',
    grey: '#9aa1ab',
    grid: '#e9ecf0',
    text: '#1c2129',
    muted: '#5a6270'
  };
  const TOP_TOPICS = 10;

  const state = { me: null, data: null, gaps: [], gapDepartments: [], charts: {}, gapTarget: null, loading: 0 };

  // ---------------------------------------------------------------- helpers

  const { $, el, setText, show, showError, makeAnnouncer, makeApi, lines, wireDialogCloseButtons } = window.StaffCommon;

  const announce = makeAnnouncer(6000);

  const percentFormat = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });
  const decimalFormat = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integerFormat = new Intl.NumberFormat('de-DE');
  const dayFormat = new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const longDate = new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  const percent = (value) => (value === null || value === undefined ? '–' : percentFormat.format(value));
  const integer = (value) => integerFormat.format(value || 0);
  const dateOf = (iso) => new Date(`${iso}T00:00:00Z`);

  /** Business minutes as "25 Min." or "4 Std. 10 Min.". */
  function minutes(value) {
    if (value === null || value === undefined) return '–';
    const total = Math.round(value);
    if (total < 60) return `${total} Min.`;
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return rest ? `${hours} Std. ${rest} Min.` : `${hours} Std.`;
  }

  function plural(n, one, many) {
    return `${integer(n)} ${n === 1 ? one : many}`;
  }

  // ---------------------------------------------------------------- API

  /** The staff API; a 401 while signed in means the session has expired, a 403 for an agent that the dashboard is not for them. */
  const api = makeApi((error, path) => {
    if (error.status === 401 && path !== '/api/staff/login' && state.me) signedOut('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.');
    if (error.status === 403 && path.startsWith('/api/staff/dashboard') && state.me && state.me.role === 'agent') showDenied();
  });

  // ---------------------------------------------------------------- session

  async function boot() {
    try {
      start(await api('GET', '/api/staff/me'));
    } catch (error) {
      showLogin(error.status === 401 ? '' : error.message);
    }
  }

  function hideAll() {
    for (const view of ['booting', 'login-view', 'denied-view', 'dashboard-view']) show($(view), false);
  }

  function showLogin(message) {
    hideAll();
    show($('session'), false);
    show($('login-view'), true);
    showError('login-error', message || '');
    $('login-password').value = '';
    ($('login-username').value ? $('login-password') : $('login-username')).focus();
  }

  function showDenied() {
    hideAll();
    show($('denied-view'), true);
  }

  function signedOut(message) {
    state.me = null;
    state.data = null;
    destroyCharts();
    showLogin(message);
  }

  async function onLogin(event) {
    event.preventDefault();
    const username = $('login-username').value.trim();
    const password = $('login-password').value;
    if (!username || !password) {
      showError('login-error', 'Bitte geben Sie Benutzername und Passwort ein.');
      return;
    }
    $('login-submit').disabled = true;
    try {
      await api('POST', '/api/staff/login', { username, password });
      start(await api('GET', '/api/staff/me'));
    } catch (error) {
      const message =
        error.status === 401
          ? 'Benutzername oder Passwort ist falsch.'
          : error.status === 429
            ? 'Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist vorübergehend gesperrt.'
            : error.message;
      showError('login-error', message);
      $('login-password').value = '';
      $('login-password').focus();
    } finally {
      $('login-submit').disabled = false;
    }
  }

  async function onLogout() {
    try {
      await api('POST', '/api/staff/logout');
    } catch {
      // Signed out locally in any case.
    }
    signedOut('');
    announce('Sie sind abgemeldet.');
  }

  function start(me) {
    state.me = me.user;
    show($('session'), true);
    setText('current-user-name', `${state.me.name || state.me.username} (${state.me.username})`);
    const own = (me.departments || []).find((d) => d.id === state.me.department);
    setText('current-user-department', `${state.me.role === 'admin' ? 'Alle Abteilungen' : own ? own.name : state.me.department} · ${ROLE[state.me.role] || state.me.role}`);
    if (state.me.role !== 'lead' && state.me.role !== 'admin') {
      showDenied();
      return;
    }
    hideAll();
    show($('dashboard-view'), true);
    const params = new URLSearchParams(location.search);
    load({ from: params.get('from') || '', to: params.get('to') || '', department: params.get('department') || '' });
  }

  // ---------------------------------------------------------------- loading

  function query(filters) {
    const params = new URLSearchParams();
    for (const key of ['from', 'to', 'department']) if (filters[key]) params.set(key, filters[key]);
    const text = params.toString();
    return text ? `?${text}` : '';
  }

  async function load(filters) {
    const ticket = ++state.loading;
    const root = $('dashboard-view');
    root.setAttribute('aria-busy', 'true');
    root.dataset.state = 'loading';
    showError('dash-error', '');
    try {
      const data = await api('GET', `/api/staff/dashboard${query(filters)}`);
      if (ticket !== state.loading) return;
      state.data = data;
      const current = { from: data.range.from, to: data.range.to, department: data.department };
      history.replaceState(null, '', `/staff/dashboard${query(current)}`);
      renderFilters(data);
      renderFigures(data);
      renderCharts(data);
      renderComparison(data);
      await loadGaps(current);
      if (ticket !== state.loading) return;
      root.dataset.state = 'ready';
    } catch (error) {
      if (ticket !== state.loading) return;
      root.dataset.state = 'error';
      if (error.status !== 401 && !(error.status === 403 && state.me && state.me.role === 'agent')) {
        showError('dash-error', error.status === 400 ? `Der Zeitraum ist ungültig: ${error.message}` : `Das Dashboard konnte nicht geladen werden: ${error.message}`);
      }
    } finally {
      if (ticket === state.loading) root.removeAttribute('aria-busy');
    }
  }

  function onFilter(event) {
    event.preventDefault();
    const from = $('filter-from').value;
    const to = $('filter-to').value;
    if (!from || !to) return showError('dash-error', 'Bitte wählen Sie Beginn und Ende des Zeitraums.');
    if (from > to) return showError('dash-error', 'Der Beginn liegt nach dem Ende des Zeitraums.');
    load({ from, to, department: $('filter-department').value });
  }

  // ---------------------------------------------------------------- rendering

  function renderFilters(data) {
    const select = $('filter-department');
    select.replaceChildren(...data.departments.map((d) => el('option', { value: d.id }, d.name)));
    select.value = data.department;
    select.disabled = data.departments.length < 2;
    $('department-field').dataset.single = String(data.departments.length < 2);
    $('filter-from').value = data.range.from;
    $('filter-to').value = data.range.to;
    $('filter-from').max = data.range.to;
    $('filter-to').min = data.range.from;
    $('csv-export').href = `/api/staff/dashboard.csv${query({ from: data.range.from, to: data.range.to, department: data.department })}`;
    setText('dash-department', `· ${data.departmentName}`);
    const days = Math.round((dateOf(data.range.to) - dateOf(data.range.from)) / 86400000) + 1;
    setText('dash-range', `${longDate.format(dateOf(data.range.from))} bis ${longDate.format(dateOf(data.range.to))} · ${plural(days, 'Tag', 'Tage')} · Zeiten in Geschäftsminuten der Abteilung`);
  }

  function renderFigures(data) {
    const f = data.figures;
    setText('kpi-deflection-value', percent(f.deflection.rate));
    setText('kpi-deflection-sub', `${integer(f.deflection.deflected)} von ${plural(f.deflection.questions, 'Frage', 'Fragen')}`);
    setText('kpi-handoff-value', percent(f.handoff.rate));
    setText('kpi-handoff-sub', `${integer(f.handoff.handedOff)} von ${plural(f.handoff.conversations, 'Gespräch', 'Gesprächen')}`);
    setText('kpi-fcr-value', percent(f.firstContactResolution.rate));
    setText('kpi-fcr-sub', `${integer(f.firstContactResolution.solvedAtFirstContact)} von ${plural(f.firstContactResolution.answered, 'erledigten Anfrage', 'erledigten Anfragen')}`);
    const satisfaction = $('kpi-satisfaction-value');
    satisfaction.replaceChildren(f.satisfaction.mean === null ? '–' : decimalFormat.format(f.satisfaction.mean), el('span', { class: 'unit' }, '/ 5'));
    setText('kpi-satisfaction-sub', f.satisfaction.count ? `${percent(f.satisfaction.goodShare)} mit 4–5 Sternen · ${plural(f.satisfaction.count, 'Bewertung', 'Bewertungen')}` : 'noch keine Bewertungen');
    const open = (f.requests.byStatus.open || 0) + (f.requests.byStatus.in_progress || 0) + (f.requests.byStatus.waiting || 0);
    setText('kpi-requests-value', integer(f.requests.total));
    setText('kpi-requests-sub', `${integer(open)} offen · ${integer(f.requests.byStatus.resolved || 0)} erledigt`);
    setText('kpi-questions-value', integer(f.questions));
    setText('kpi-questions-sub', `in ${plural(f.conversations, 'Gespräch', 'Gesprächen')}`);
    renderTarget('first-response', f.firstResponse, 'beantwortet');
    renderTarget('resolution', f.resolution, 'gelöst');
  }

  function renderTarget(name, t, verb) {
    setText(`target-${name}-median`, minutes(t.median));
    setText(`target-${name}-p90`, minutes(t.p90));
    setText(`target-${name}-target`, t.targetMinutes === null ? 'je Abteilung' : minutes(t.targetMinutes));
    for (const key of ['median', 'p90']) {
      const cell = $(`target-${name}-${key}`);
      if (t.targetMinutes !== null && t[key] !== null) cell.dataset.state = t[key] > t.targetMinutes ? 'over' : 'ok';
      else delete cell.dataset.state;
    }
    const badge = $(`target-${name}-breaches`);
    badge.dataset.count = String(t.breaches);
    badge.textContent = t.breaches
      ? `${plural(t.breaches, 'Zielverletzung', 'Zielverletzungen')}${t.openBreaches ? `, ${integer(t.openBreaches)} noch offen` : ''}`
      : 'keine Zielverletzung';
    const meter = $(`target-${name}-meter`);
    const share = t.withinTarget === null ? 0 : t.withinTarget;
    meter.dataset.pct = String(Math.round(share * 20) * 5);
    meter.dataset.level = share >= 0.9 ? 'high' : share >= 0.75 ? 'mid' : 'low';
    meter.setAttribute('role', 'meter');
    meter.setAttribute('aria-valuemin', '0');
    meter.setAttribute('aria-valuemax', '100');
    meter.setAttribute('aria-valuenow', String(Math.round(share * 100)));
    meter.setAttribute('aria-label', `Anteil im Ziel: ${percent(t.withinTarget)}`);
    setText(`target-${name}-within`, t.count ? `${percent(t.withinTarget)} von ${plural(t.count, 'Anfrage', 'Anfragen')} im Ziel ${verb}` : `Noch keine Anfrage ${verb}.`);
  }

  function renderComparison(data) {
    const rows = data.comparison || [];
    show($('comparison'), rows.length > 0);
    $('comparison-body').replaceChildren(
      ...rows.map(({ department, name, figures: f }) =>
        el('tr', { 'data-testid': 'comparison-row', 'data-department': department },
          el('th', { scope: 'row' }, name),
          el('td', { class: 'num' }, integer(f.questions)),
          el('td', { class: 'num' }, percent(f.deflection.rate)),
          el('td', { class: 'num' }, percent(f.handoff.rate)),
          el('td', { class: 'num' }, integer(f.requests.total)),
          el('td', { class: `num${over(f.firstResponse) ? ' over' : ''}` }, `${minutes(f.firstResponse.median)} / ${minutes(f.firstResponse.targetMinutes)}`),
          el('td', { class: `num${over(f.resolution) ? ' over' : ''}` }, `${minutes(f.resolution.median)} / ${minutes(f.resolution.targetMinutes)}`),
          el('td', { class: 'num' }, integer(f.firstResponse.breaches + f.resolution.breaches)),
          el('td', { class: 'num' }, percent(f.firstContactResolution.rate)),
          el('td', { class: 'num' }, f.satisfaction.mean === null ? '–' : `${decimalFormat.format(f.satisfaction.mean)} / 5`)
        )
      )
    );
  }

  const over = (t) => t.median !== null && t.targetMinutes !== null && t.median > t.targetMinutes;

  // ---------------------------------------------------------------- charts

  function destroyCharts() {
    for (const chart of Object.values(state.charts)) chart.destroy();
    state.charts = {};
  }

  /** Creates or updates a chart (updating keeps the canvas and avoids flicker). */
  function chart(name, config) {
    const existing = state.charts[name];
    if (existing) {
      existing.data = config.data;
      existing.options = config.options;
      existing.update();
      return existing;
    }
    state.charts[name] = new window.Chart($(`chart-${name}`), config);
    return state.charts[name];
  }

  function shorten(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  function renderCharts(data) {
    if (!window.Chart) {
      showError('dash-error', 'Die Diagramme konnten nicht geladen werden (Chart.js fehlt).');
      return;
    }
    const Chart = window.Chart;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = COLORS.muted;
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.plugins.legend.labels.boxWidth = 12;
    const f = data.figures;
    const grid = { color: COLORS.grid };

    chart('volume', {
      data: {
        labels: f.volumePerDay.map((d) => dayFormat.format(dateOf(d.date))),
        datasets: [
          { type: 'bar', label: 'Fragen an den Bot', data: f.volumePerDay.map((d) => d.questions), backgroundColor: COLORS.accentLight, borderRadius: 3, order: 2 },
          { type: 'line', label: 'Anfragen an die Abteilung', data: f.volumePerDay.map((d) => d.requests), borderColor: COLORS.accent, backgroundColor: COLORS.accent, pointRadius: 2.5, tension: 0.25, order: 1 }
        ]
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'top', align: 'end' } },
        scales: { x: { grid: { display: false }, ticks: { autoSkipPadding: 8, maxRotation: 0 } }, y: { beginAtZero: true, grid, ticks: { precision: 0 } } }
      }
    });

    const topics = f.perIntent.slice(0, TOP_TOPICS);
    const topicName = (t) => (t.kind === 'faq' ? (data.labels && data.labels[t.id]) || t.id : TOPIC_NAMES[t.id] || t.id);
    chart('intents', {
      type: 'bar',
      data: {
        labels: topics.map((t) => shorten(topicName(t), 60)),
        datasets: [{ label: 'Fragen', data: topics.map((t) => t.count), backgroundColor: topics.map((t) => (t.kind === 'decision' ? COLORS.grey : COLORS.accent)), borderRadius: 3 }]
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => topicName(topics[items[0].dataIndex]) } } },
        scales: { x: { beginAtZero: true, grid, ticks: { precision: 0 } }, y: { grid: { display: false }, ticks: { font: { size: 11 } } } }
      }
    });

    // One department: median and 90 % as a share of its target (100 % = the target), so both fit one
    // scale; all departments (different targets): hours.
    const hasTarget = f.firstResponse.targetMinutes !== null;
    const times = [f.firstResponse, f.resolution];
    const scaled = (t, key) => (t[key] === null ? null : hasTarget ? Math.round((t[key] / t.targetMinutes) * 100) : Math.round((t[key] / 60) * 10) / 10);
    const timeSets = [
      { label: 'Median', key: 'median', data: times.map((t) => scaled(t, 'median')), backgroundColor: COLORS.accent, borderRadius: 3 },
      { label: '90 %', key: 'p90', data: times.map((t) => scaled(t, 'p90')), backgroundColor: COLORS.accentLight, borderRadius: 3 }
    ];
    if (hasTarget) timeSets.push({ label: 'Ziel', key: 'targetMinutes', data: [100, 100], backgroundColor: COLORS.amber, borderRadius: 3 });
    setText('chart-times-caption', hasTarget ? 'Median und 90 % in Prozent des Ziels (Ziel = 100 %)' : 'Median und 90 % in Stunden Geschäftszeit');
    chart('times', {
      type: 'bar',
      data: { labels: ['Erste Antwort', 'Lösung'], datasets: timeSets },
      options: {
        plugins: {
          legend: { position: 'top', align: 'end' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${minutes(times[item.dataIndex][item.dataset.key])}${hasTarget && item.dataset.key !== 'targetMinutes' ? ` (${item.raw} % des Ziels)` : ''}` } }
        },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, grid, title: { display: true, text: hasTarget ? '% des Ziels' : 'Stunden (Geschäftszeit)' }, ticks: hasTarget ? { callback: (v) => `${v} %` } : {} }
        }
      }
    });

    chart('ratings', {
      type: 'bar',
      data: {
        labels: ['1 ★', '2 ★', '3 ★', '4 ★', '5 ★'],
        datasets: [{ label: 'Bewertungen', data: f.satisfaction.distribution, backgroundColor: [COLORS.red, '#c9614f', COLORS.amber, COLORS.accentLight, COLORS.accent], borderRadius: 3 }]
      },
      options: { plugins: { legend: { display: false } }, scales: { x: { grid: { display: false } }, y: { beginAtZero: true, grid, ticks: { precision: 0 } } } }
    });
  }

  // ---------------------------------------------------------------- knowledge gaps

  async function loadGaps(filters) {
    try {
      const result = await api('GET', `/api/staff/knowledge-gaps${query(filters)}`);
      state.gaps = result.clusters || [];
      state.gapDepartments = result.departments || [];
      showError('gaps-error', '');
    } catch (error) {
      state.gaps = [];
      if (error.status !== 401) showError('gaps-error', `Die Wissenslücken konnten nicht geladen werden: ${error.message}`);
    }
    renderGaps();
  }

  /** Clusters shown as cards per department; the rest (mostly single questions) behind "more". */
  const GAP_CARDS = 6;

  function renderGaps() {
    const groups = state.gapDepartments
      .map((d) => ({ ...d, clusters: state.gaps.filter((c) => c.department === d.id) }))
      .filter((g) => g.clusters.length > 0);
    $('gap-groups').replaceChildren(
      ...groups.map((group) => {
        const repeated = group.clusters.filter((c) => c.count > 1);
        const cards = (repeated.length ? repeated : group.clusters).slice(0, GAP_CARDS);
        const rest = group.clusters.filter((c) => !cards.includes(c));
        return el('section', { class: 'gap-group', 'data-testid': 'gap-group', 'data-department': group.id },
          groups.length > 1 || state.me.role === 'admin' ? el('h3', null, `${group.name} · ${plural(group.clusters.length, 'Thema', 'Themen')}`) : null,
          el('ul', { class: 'gap-list' }, cards.map(gapCard)),
          rest.length
            ? el('details', { class: 'gap-more', 'data-testid': 'gap-more' },
                el('summary', null, `Weitere ${plural(rest.length, 'Thema', 'Themen')} (${plural(rest.reduce((n, c) => n + c.count, 0), 'Frage', 'Fragen')})`),
                el('ul', { class: 'gap-rows' }, rest.map(gapRow)))
            : null
        );
      })
    );
    show($('gaps-empty'), groups.length === 0);
    const total = state.gaps.length;
    setText('gaps-count', total ? plural(total, 'offenes Thema', 'offene Themen') : '');
  }

  function gapKinds(cluster) {
    const kinds = [];
    if (cluster.kinds.unanswered) kinds.push(`${integer(cluster.kinds.unanswered)}× nicht beantwortet`);
    if (cluster.kinds.notHelpful) kinds.push(`${integer(cluster.kinds.notHelpful)}× Antwort half nicht`);
    return kinds.join(' · ') + (cluster.faqIds.length ? ` · bisherige Antwort: ${cluster.faqIds.join(', ')}` : '');
  }

  function gapRow(cluster) {
    return el('li', { class: 'gap-row', 'data-testid': 'gap', 'data-cluster': cluster.id, 'data-count': cluster.count },
      el('span', { class: 'gap-count', 'data-testid': 'gap-count' }, integer(cluster.count)),
      el('span', { class: 'gap-row-text' },
        el('span', { lang: cluster.representative.language, 'data-testid': 'gap-representative' }, `„${cluster.representative.text}“`),
        el('span', { class: 'gap-meta' }, cluster.languages.map((l) => el('abbr', { class: 'lang', title: LANGUAGE[l] || l }, l.toUpperCase())), gapKinds(cluster))),
      el('button', { type: 'button', class: 'button button--quiet button--small', 'data-testid': 'gap-write-faq', onclick: () => openGapDialog(cluster) }, 'FAQ-Eintrag schreiben'));
  }

  function gapCard(cluster) {
    const others = cluster.examples.filter((e) => e.text !== cluster.representative.text);
    return el('li', { class: 'gap', 'data-testid': 'gap', 'data-cluster': cluster.id, 'data-count': cluster.count },
      el('div', { class: 'gap-head' },
        el('span', { class: 'gap-count', 'data-testid': 'gap-count', title: `${plural(cluster.count, 'Frage', 'Fragen')}` }, integer(cluster.count)),
        el('div', null,
          el('p', { class: 'gap-title', lang: cluster.representative.language, 'data-testid': 'gap-representative' }, `„${cluster.representative.text}“`),
          el('p', { class: 'gap-meta' },
            cluster.languages.map((l) => el('abbr', { class: 'lang', title: LANGUAGE[l] || l }, l.toUpperCase())),
            gapKinds(cluster)))),
      others.length
        ? el('ul', { class: 'gap-examples', 'aria-label': 'Weitere Formulierungen' }, others.map((e) => el('li', { lang: e.language, 'data-testid': 'gap-example' }, e.text)))
        : null,
      el('div', { class: 'gap-actions' },
        el('button', { type: 'button', class: 'button button--primary button--small', 'data-testid': 'gap-write-faq', onclick: () => openGapDialog(cluster) }, 'FAQ-Eintrag schreiben'))
    );
  }

  function openGapDialog(cluster) {
    state.gapTarget = cluster;
    const dialog = $('gap-faq-dialog');
    showError('gap-faq-error', '');
    const byLanguage = (language) => cluster.examples.filter((e) => e.language === language).map((e) => e.text);
    for (const language of ['de', 'en']) {
      const texts = byLanguage(language);
      const question = cluster.representative.language === language ? cluster.representative.text : texts[0] || '';
      $(`gap-faq-${language}-question`).value = question;
      $(`gap-faq-${language}-answer`).value = '';
      $(`gap-faq-${language}-alternatives`).value = texts.filter((t) => t !== question).join('\n');
    }
    $('gap-faq-keywords').value = '';
    const unassigned = cluster.department === 'unassigned';
    show($('gap-faq-department-field'), unassigned);
    if (unassigned) {
      const choices = (state.data.departments || []).filter((d) => d.id !== 'all');
      $('gap-faq-department').replaceChildren(...choices.map((d) => el('option', { value: d.id }, d.name)));
    }
    setText('gap-faq-source', `${plural(cluster.count, 'Frage', 'Fragen')} zu diesem Thema (${cluster.departmentName}). Die Formulierungen der Mitarbeitenden sind als andere Formulierungen vorausgefüllt; ergänzen Sie die Antworten und die andere Sprache.`);
    dialog.showModal();
    $(`gap-faq-${cluster.representative.language === 'en' ? 'en' : 'de'}-answer`).focus();
  }

  async function onGapSubmit(event) {
    event.preventDefault();
    const cluster = state.gapTarget;
    if (!cluster) return;
    const side = (language) => ({
      question: $(`gap-faq-${language}-question`).value.trim(),
      answer: $(`gap-faq-${language}-answer`).value.trim(),
      alternatives: lines($(`gap-faq-${language}-alternatives`).value)
    });
    const body = { de: side('de'), en: side('en'), clusterId: cluster.id, from: state.data.range.from, to: state.data.range.to };
    const keywords = $('gap-faq-keywords').value.split(',').map((s) => s.trim()).filter(Boolean);
    if (keywords.length) body.keywords = keywords;
    if (cluster.department === 'unassigned') body.department = $('gap-faq-department').value;
    const missing = [];
    for (const [language, label] of [['de', 'Deutsch'], ['en', 'Englisch']]) {
      if (body[language].question.length < 5) missing.push([`gap-faq-${language}-question`, `Frage (${label}, mindestens 5 Zeichen)`]);
      if (body[language].answer.length < 10) missing.push([`gap-faq-${language}-answer`, `Antwort (${label}, mindestens 10 Zeichen)`]);
    }
    if (missing.length) {
      showError('gap-faq-error', `Bitte ausfüllen: ${missing.map(([, label]) => label).join(', ')}.`);
      $(missing[0][0]).focus();
      return;
    }
    const submit = $('gap-faq-submit');
    submit.disabled = true;
    submit.textContent = 'Wird freigegeben …';
    try {
      const { entry } = await api('POST', '/api/staff/knowledge-gaps/faq', body);
      $('gap-faq-dialog').close();
      state.gaps = state.gaps.filter((c) => c.id !== cluster.id);
      renderGaps();
      announce(`Freigegeben als ${entry.id}: Der Bot beantwortet die Frage ab sofort.`, true);
    } catch (error) {
      if (error.status !== 401) showError('gap-faq-error', error.status === 400 ? `Der Eintrag ist unvollständig: ${error.message}` : `Das Freigeben ist fehlgeschlagen: ${error.message}`);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Eintrag freigeben';
    }
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', onLogin);
    $('logout').addEventListener('click', onLogout);
    $('filters').addEventListener('submit', onFilter);
    $('filter-department').addEventListener('change', () => $('filters').requestSubmit());
    $('gap-faq-form').addEventListener('submit', onGapSubmit);
    wireDialogCloseButtons();
    boot();
  });
})();
