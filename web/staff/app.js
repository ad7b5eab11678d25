// Anlaufstelle – Support-Konsole. Plain browser JavaScript, no build step, served by the bot itself.
// Talks to the JSON API in docs/staff-api.md. Every text from the server is inserted as text (never as HTML).
'use strict';

(() => {
  const STATUS = { open: 'offen', in_progress: 'in Bearbeitung', resolved: 'erledigt', cancelled: 'abgebrochen' };
  const SOURCE = {
    human: 'Wunsch nach Ansprechperson',
    out_of_scope: 'Bot wusste keine Antwort',
    not_helpful: 'Antwort half nicht',
    always_human: 'Immer persönlich',
    it_problem_report: 'IT-Störungsmeldung'
  };
  const LANGUAGE = { de: 'Deutsch', en: 'Englisch' };
  const ROLE = { agent: 'Sachbearbeitung', lead: 'Teamleitung', admin: 'Administration' };
  const HISTORY = {
    created: 'Eingegangen',
    claimed: 'Übernommen',
    message: 'Antwort gesendet',
    transferred: 'Weitergeleitet',
    resolved: 'Erledigt',
    handed_back: 'An den Bot zurückgegeben',
    cancelled: 'Abgebrochen',
    rated: 'Bewertet'
  };
  const DETAIL_KEYS = { device: 'Gerät', description: 'Beschreibung', since: 'Seit', urgency: 'Dringlichkeit' };
  const ACTIVE = new Set(['open', 'in_progress']);

  const state = {
    me: null, // StaffUser
    departments: [], // [{ id, name }]
    requests: new Map(), // id -> ServiceRequest
    loaded: false,
    selectedId: null,
    newIds: new Set(), // arrived while the console was open, not opened yet
    unreadIds: new Set(), // new employee message, not opened yet
    rendered: { id: null, count: 0 }, // transcript lines already in the log
    drafts: [],
    events: null,
    reconnectTimer: null,
    reconnectDelay: 2000,
    tab: 'requests'
  };

  // ---------------------------------------------------------------- helpers

  const { $, el, setText, show, showError, makeAnnouncer, makeApi, lines, wireDialogCloseButtons } = window.StaffCommon;

  const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'short', timeStyle: 'short' });
  const timeOnly = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' });

  function formatTime(iso, withDate) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const today = new Date().toDateString() === date.toDateString();
    return withDate || !today ? dateTime.format(date) : timeOnly.format(date);
  }

  function timeEl(iso, withDate) {
    return el('time', { datetime: iso, title: iso ? dateTime.format(new Date(iso)) : undefined }, formatTime(iso, withDate));
  }

  function formatDuration(ms) {
    const minutes = Math.max(0, Math.floor(ms / 60000));
    if (minutes < 1) return '< 1 Min.';
    if (minutes < 60) return `${minutes} Min.`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${hours} Std. ${minutes % 60} Min.`;
    return `${Math.floor(hours / 24)} Tg. ${hours % 24} Std.`;
  }

  function formatWait(seconds) {
    const s = Math.max(1, Math.ceil(Number(seconds) || 0));
    if (s < 60) return `${s} ${s === 1 ? 'Sekunde' : 'Sekunden'}`;
    const m = Math.ceil(s / 60);
    return `${m} ${m === 1 ? 'Minute' : 'Minuten'}`;
  }

  function personName(who) {
    if (!who) return '';
    if (typeof who === 'string') return who;
    return who.name || who.username || '';
  }

  /** A staff member's display name for a username (or {username, name}) where we know it. */
  function staffName(by, request) {
    const username = typeof by === 'string' ? by : by && by.username;
    if (by && typeof by === 'object' && by.name) return by.name;
    if (state.me && username === state.me.username) return state.me.name || username;
    if (request && request.assignee && request.assignee.username === username) return request.assignee.name || username;
    return username || '';
  }

  function departmentName(id) {
    const found = state.departments.find((d) => d.id === id);
    return found ? found.name : id;
  }

  function isLead() {
    return !!state.me && (state.me.role === 'lead' || state.me.role === 'admin');
  }

  function isAdmin() {
    return !!state.me && state.me.role === 'admin';
  }

  /** Whether a request belongs in this console's queue: the own department's, or all for admins. */
  function inScope(request) {
    return isAdmin() || request.department === state.me.department;
  }

  function isMine(request) {
    return !!request.assignee && !!state.me && request.assignee.username === state.me.username;
  }

  function lastStaffText(request) {
    const lines = (request.transcript || []).filter((line) => line.from === 'staff');
    return lines.length ? lines[lines.length - 1].text : '';
  }

  /** Tells screen readers (and shows briefly) what just happened. */
  const announce = makeAnnouncer(5000);

  // ---------------------------------------------------------------- API

  /** The staff API; a 401 while signed in means the session has expired. */
  const api = makeApi((error, path) => {
    if (error.status === 401 && path !== '/api/staff/login' && state.me) sessionExpired();
  });

  /** A message for an action that failed, in German, with the server's reason where it helps. */
  function describeError(error, what) {
    switch (error.status) {
      case 0:
        return error.message;
      case 401:
        return 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.';
      case 403:
        return `${what}: Dafür fehlt Ihnen die Berechtigung, oder die Anfrage gehört nicht (mehr) zu Ihrer Abteilung.`;
      case 404:
        return `${what}: Die Anfrage wurde nicht gefunden.`;
      case 409:
        return `${what}: Die Anfrage wurde inzwischen von jemand anderem übernommen oder geändert.`;
      default:
        return `${what} ist fehlgeschlagen: ${error.message}`;
    }
  }

  /** The problems of a 400 answer as list items, whatever shape the server gives them. */
  function problemItems(body) {
    const list = body.problems || body.issues || body.errors || body.details;
    if (!Array.isArray(list) || list.length === 0) return [];
    return [
      el('ul', { class: 'problems' },
        list.map((p) => el('li', null, typeof p === 'string' ? p : [p.path && [].concat(p.path).join('.'), p.message].filter(Boolean).join(': '))))
    ];
  }

  // ---------------------------------------------------------------- session

  async function boot() {
    try {
      const me = await api('GET', '/api/staff/me');
      startConsole(me);
    } catch (error) {
      showLogin(error.status === 401 ? '' : describeError(error, 'Das Laden der Konsole'));
    }
  }

  function showLogin(message) {
    show($('booting'), false);
    show($('console-view'), false);
    show($('session'), false);
    show($('login-view'), true);
    showError('login-error', message || '');
    $('login-password').value = '';
    ($('login-username').value ? $('login-password') : $('login-username')).focus();
  }

  async function onLogin(event) {
    event.preventDefault();
    const username = $('login-username').value.trim();
    const password = $('login-password').value;
    if (!username || !password) {
      showError('login-error', 'Bitte geben Sie Benutzername und Passwort ein.');
      (username ? $('login-password') : $('login-username')).focus();
      return;
    }
    const submit = $('login-submit');
    submit.disabled = true;
    showError('login-error', '');
    try {
      await api('POST', '/api/staff/login', { username, password });
      startConsole(await api('GET', '/api/staff/me'));
    } catch (error) {
      let message;
      if (error.status === 401) message = 'Benutzername oder Passwort ist falsch.';
      else if (error.status === 429) {
        message = `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${formatWait(error.body.retryAfterSeconds)} erneut.`;
      } else message = describeError(error, 'Die Anmeldung');
      showError('login-error', message);
      $('login-password').value = '';
      $('login-password').focus();
    } finally {
      submit.disabled = false;
    }
  }

  async function onLogout() {
    try {
      await api('POST', '/api/staff/logout');
    } catch {
      // Signed out locally in any case.
    }
    stopConsole();
    showLogin('');
    announce('Sie sind abgemeldet.');
  }

  function sessionExpired() {
    stopConsole();
    showLogin('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.');
  }

  function startConsole(me) {
    state.me = me.user;
    state.departments = Array.isArray(me.departments) ? me.departments : [];
    show($('booting'), false);
    show($('login-view'), false);
    show($('session'), true);
    show($('console-view'), true);
    setText('current-user-name', `${state.me.name || state.me.username} (${state.me.username})`);
    setText('current-user-department', `${departmentName(state.me.department)} · ${ROLE[state.me.role] || state.me.role}`);
    setText('queue-department', `· ${isAdmin() ? 'alle Abteilungen' : departmentName(state.me.department)}`);
    setText('drafts-hint', isLead()
      ? 'Prüfen Sie die Entwürfe Ihrer Abteilung. Freigegebene Einträge beantwortet der Bot sofort.'
      : 'Entwürfe Ihrer Abteilung. Die Teamleitung prüft und gibt sie frei.');
    $('login-password').value = '';
    selectTab('requests');
    select(null);
    loadRequests();
    loadDrafts();
    connectEvents();
  }

  function stopConsole() {
    disconnectEvents();
    state.me = null;
    state.requests.clear();
    state.loaded = false;
    state.newIds.clear();
    state.unreadIds.clear();
    state.selectedId = null;
    state.rendered = { id: null, count: 0 };
    state.drafts = [];
    $('queue-body').replaceChildren();
    $('draft-list').replaceChildren();
    $('reply-text').value = '';
    document.querySelectorAll('dialog[open]').forEach((d) => d.close());
  }

  // ---------------------------------------------------------------- live updates

  function setLive(mode) {
    const badge = $('live-status');
    badge.dataset.state = mode;
    badge.textContent = {
      connecting: 'Verbinde …',
      live: 'Live',
      reconnecting: 'Verbindung unterbrochen – verbinde neu …'
    }[mode];
    badge.title = mode === 'live' ? 'Die Warteschlange aktualisiert sich automatisch.' : '';
  }

  function connectEvents() {
    disconnectEvents();
    setLive('connecting');
    const source = new EventSource('/api/staff/events');
    state.events = source;
    source.addEventListener('open', () => {
      setLive('live');
      state.reconnectDelay = 2000;
      // Catch up with whatever happened while the stream was not connected.
      if (state.loaded) loadRequests();
    });
    source.addEventListener('request', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message && message.request) applyEvent(message.type, message.request);
    });
    source.addEventListener('error', () => {
      if (state.events !== source) return;
      setLive('reconnecting');
      // The browser retries by itself after network errors; after an HTTP error it gives up, so do we.
      if (source.readyState === EventSource.CLOSED) scheduleReconnect();
    });
  }

  function disconnectEvents() {
    clearTimeout(state.reconnectTimer);
    if (state.events) state.events.close();
    state.events = null;
  }

  function scheduleReconnect() {
    disconnectEvents();
    const delay = state.reconnectDelay;
    state.reconnectDelay = Math.min(delay * 2, 30000);
    state.reconnectTimer = setTimeout(async () => {
      if (!state.me) return;
      try {
        await api('GET', '/api/staff/me'); // 401 leads back to sign-in
        connectEvents();
      } catch (error) {
        if (error.status !== 401) scheduleReconnect();
      }
    }, delay);
  }

  function applyEvent(type, request) {
    if (!state.me) return;
    const known = state.requests.get(request.id);
    if (type === 'removed' && isAdmin()) return; // admins see the request arrive in the other queue
    if (type === 'removed' || !inScope(request)) {
      removeRequest(request, `${request.number} wurde an ${departmentName(request.department)} weitergeleitet.`);
      return;
    }
    if (!known) {
      state.newIds.add(request.id);
      announce(`Neue Anfrage ${request.number}: ${request.subject}`, true);
    } else if (countFrom(request, 'user') > countFrom(known, 'user') && request.id !== state.selectedId) {
      // The open conversation announces its new lines itself (role="log").
      state.unreadIds.add(request.id);
      announce(`Neue Nachricht der Mitarbeiterin oder des Mitarbeiters in ${request.number}.`, true);
    }
    upsert(request);
  }

  function countFrom(request, from) {
    return (request.transcript || []).filter((line) => line.from === from).length;
  }

  // ---------------------------------------------------------------- queue

  async function loadRequests() {
    try {
      const { requests } = await api('GET', '/api/staff/requests');
      const known = new Set(state.requests.keys());
      const fresh = new Map();
      for (const request of requests || []) {
        if (state.loaded && !known.has(request.id)) state.newIds.add(request.id);
        fresh.set(request.id, request);
      }
      state.requests = fresh;
      state.loaded = true;
      renderQueue();
      if (state.selectedId && !fresh.has(state.selectedId)) select(null);
      else if (state.selectedId) renderDetail();
    } catch (error) {
      if (error.status !== 401) announce(describeError(error, 'Das Laden der Warteschlange'), true);
    }
  }

  function upsert(request) {
    if (!inScope(request)) {
      removeRequest(request, `${request.number} ist jetzt in der Warteschlange von ${departmentName(request.department)}.`);
      return;
    }
    state.requests.set(request.id, request);
    renderQueue();
    if (request.id === state.selectedId) renderDetail();
  }

  function removeRequest(request, message) {
    if (!state.requests.has(request.id) && state.selectedId !== request.id) return; // already gone
    state.requests.delete(request.id);
    state.newIds.delete(request.id);
    state.unreadIds.delete(request.id);
    renderQueue();
    if (state.selectedId === request.id) {
      select(null);
      setText('detail-placeholder-text', message);
    }
    announce(message, true);
  }

  function sortedRequests() {
    const all = [...state.requests.values()];
    const active = all.filter((r) => ACTIVE.has(r.status)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const done = all
      .filter((r) => !ACTIVE.has(r.status))
      .sort((a, b) => (b.resolvedAt || b.updatedAt).localeCompare(a.resolvedAt || a.updatedAt));
    return [...active, ...done];
  }

  function visible(request) {
    switch ($('queue-filter').value) {
      case 'active':
        return ACTIVE.has(request.status);
      case 'mine':
        return isMine(request) && ACTIVE.has(request.status);
      case 'resolved':
        return !ACTIVE.has(request.status);
      default:
        return true;
    }
  }

  function waitingTime(request) {
    const end = request.resolvedAt ? new Date(request.resolvedAt) : new Date();
    return formatDuration(end - new Date(request.createdAt));
  }

  function statusBadge(status, testid) {
    return el('span', { class: `badge badge--${status}`, 'data-testid': testid }, STATUS[status] || status);
  }

  /** 'breached' or 'near' when a running service target needs attention (first response or resolution). */
  function targetState(request) {
    const status = request.targetStatus;
    if (!status || !ACTIVE.has(request.status)) return null;
    const states = [status.firstResponse, status.resolution];
    if (states.includes('breached')) return 'breached';
    if (states.includes('near')) return 'near';
    return null;
  }

  function targetTitle(request) {
    const status = request.targetStatus || {};
    const due = status.firstResponse === 'met' ? status.resolutionDueAt : status.firstResponseDueAt || status.resolutionDueAt;
    return due ? `Fällig: ${new Date(due).toLocaleString('de-DE')}` : '';
  }

  function renderQueue() {
    const all = sortedRequests();
    const rows = all.filter(visible).map((request) => {
      const isNew = state.newIds.has(request.id);
      const unread = state.unreadIds.has(request.id);
      const selected = request.id === state.selectedId;
      const open = () => select(request.id);
      const target = targetState(request);
      return el('tr', {
        class: ['queue-row', isNew && 'is-new', unread && 'is-unread', selected && 'is-selected', !ACTIVE.has(request.status) && 'is-done', target && `is-target-${target}`]
          .filter(Boolean)
          .join(' '),
        'data-target': target || 'ok',
        'data-testid': 'queue-row',
        'data-number': request.number,
        'data-status': request.status,
        'data-new': isNew ? 'true' : 'false',
        'aria-current': selected ? 'true' : undefined,
        onclick: (event) => {
          if (!event.target.closest('button')) open();
        }
      },
      el('td', { class: 'col-number' },
        el('button', { type: 'button', class: 'row-link', 'data-testid': 'queue-open', onclick: open, 'aria-label': `${request.number} öffnen` }, request.number),
        isNew ? el('span', { class: 'tag tag--new', 'data-testid': 'queue-new' }, 'neu') : null,
        unread && !isNew ? el('span', { class: 'tag tag--new', title: 'Neue Nachricht' }, 'Nachricht') : null),
      el('td', { class: 'col-subject' },
        el('span', { class: 'subject', 'data-testid': 'queue-subject', title: request.subject }, request.subject),
        el('span', { class: 'row-meta' },
          isAdmin() ? el('span', { class: 'dept' }, departmentName(request.department)) : null,
          el('abbr', { class: 'lang', title: `Sprache: ${LANGUAGE[request.language] || request.language}`, 'data-testid': 'queue-language' }, String(request.language || '').toUpperCase()),
          el('span', { 'data-testid': 'queue-source' }, SOURCE[request.source] || request.source))),
      el('td', null, statusBadge(request.status, 'queue-status')),
      el('td', { class: 'col-wait', 'data-testid': 'queue-wait' },
        waitingTime(request),
        target ? el('span', { class: `tag tag--target-${target}`, 'data-testid': 'queue-target', title: targetTitle(request) }, target === 'breached' ? 'Ziel überschritten' : 'Ziel bald erreicht') : null),
      el('td', { class: 'col-assignee', 'data-testid': 'queue-assignee' },
        request.assignee ? `${personName(request.assignee)}${isMine(request) ? ' (Sie)' : ''}` : el('span', { class: 'muted' }, '—')));
    });
    // Keep the keyboard focus on the same row when the list is redrawn (live updates, timers).
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('[data-testid="queue-row"]');
    const focusedNumber = focused ? focused.dataset.number : null;
    $('queue-body').replaceChildren(...rows);
    if (focusedNumber) {
      const again = $('queue-body').querySelector(`[data-testid="queue-row"][data-number="${CSS.escape(focusedNumber)}"] [data-testid="queue-open"]`);
      if (again) again.focus();
    }
    const empty = $('queue-empty');
    empty.textContent = all.length === 0 ? 'Keine Anfragen. Neue Anfragen erscheinen hier automatisch.' : 'Keine Anfragen für diesen Filter.';
    show(empty, rows.length === 0);

    const count = (status) => all.filter((r) => r.status === status).length;
    setText('queue-counts', `${count('open')} offen · ${count('in_progress')} in Bearbeitung · ${count('resolved')} erledigt`);
    const waiting = count('open');
    setText('tab-requests-count', waiting ? String(waiting) : '');
    document.title = `${waiting ? `(${waiting}) ` : ''}Anlaufstelle – Support-Konsole`;
  }

  // ---------------------------------------------------------------- detail

  async function select(id) {
    state.selectedId = id;
    if (id) {
      state.newIds.delete(id);
      state.unreadIds.delete(id);
    }
    showError('detail-error', '');
    if (state.me) renderQueue();
    if (!id) {
      show($('detail-content'), false);
      show($('detail-placeholder'), true);
      setText('detail-placeholder-text', 'Wählen Sie links eine Anfrage aus, um das Gespräch zu sehen und zu antworten.');
      state.rendered = { id: null, count: 0 };
      return;
    }
    $('reply-text').value = '';
    renderDetail();
    try {
      const { request } = await api('GET', `/api/staff/requests/${encodeURIComponent(id)}`);
      if (state.selectedId === id && request) upsert(request);
    } catch (error) {
      if (state.selectedId !== id) return;
      if (error.status === 404 || error.status === 403) {
        const gone = state.requests.get(id);
        if (gone) removeRequest(gone, describeError(error, gone.number));
      } else if (error.status !== 401) showError('detail-error', describeError(error, 'Das Laden der Anfrage'));
    }
  }

  function renderDetail() {
    const request = state.requests.get(state.selectedId);
    if (!request) return;
    show($('detail-placeholder'), false);
    show($('detail-content'), true);

    setText('detail-number', request.number);
    setText('detail-subject', request.subject);
    const status = $('detail-status');
    status.className = `badge badge--${request.status}`;
    status.textContent = STATUS[request.status] || request.status;

    const requester = request.requester || {};
    const meta = [
      ['Mitarbeiter:in', requester.name || requester.userId || '—'],
      ['Sprache', LANGUAGE[request.language] || request.language, 'detail-language'],
      ['Kanal', requester.channelId || '—'],
      ['Quelle', SOURCE[request.source] || request.source],
      ['Eingang', timeEl(request.createdAt, true)],
      ['Wartezeit', waitingTime(request)],
      request.status === 'open' && request.queuePosition ? ['Position', `${request.queuePosition}. in der Warteschlange`] : null,
      ['Bearbeitung', request.assignee ? `${personName(request.assignee)}${isMine(request) ? ' (Sie)' : ''}` : 'noch niemand', 'detail-assignee'],
      request.feedback ? ['Rückmeldung', feedbackText(request.feedback)] : null
    ].filter(Boolean);
    $('detail-meta').replaceChildren(...meta.map(([key, value, testid]) =>
      el('div', { class: 'meta-item' }, el('dt', null, key), el('dd', { 'data-testid': testid }, value))));

    renderTranscript(request);
    renderButtons(request);

    const details = Object.entries(request.details || {});
    $('detail-details').replaceChildren(...(details.length
      ? details.map(([key, value]) => el('div', { class: 'kv-item' }, el('dt', null, DETAIL_KEYS[key] || key), el('dd', null, String(value))))
      : [el('p', { class: 'muted small' }, 'Keine weiteren Angaben.')]));

    $('detail-history').replaceChildren(...(request.history || []).map((event) =>
      el('li', { 'data-testid': 'history-item', 'data-type': event.type },
        el('span', { class: 'history-what' }, HISTORY[event.type] || event.type,
          event.by ? el('span', { class: 'muted' }, ` · ${event.by === 'employee' ? 'Mitarbeiter:in' : staffName(event.by, request)}`) : null),
        timeEl(event.at),
        event.type === 'transferred' && event.from && event.to
          ? el('span', { class: 'history-note' }, `${departmentName(event.from)} → ${departmentName(event.to)}`)
          : null,
        historyNote(event))));
  }

  function historyNote(event) {
    if (!event.note) return null;
    let note = event.note;
    if (event.type === 'rated') {
      try {
        note = feedbackText(JSON.parse(event.note));
      } catch {
        // not JSON: show as it is
      }
    }
    return el('span', { class: 'history-note' }, note);
  }

  function feedbackText(feedback) {
    const parts = [];
    if (feedback.solved === true) parts.push('gelöst');
    if (feedback.solved === false) parts.push('nicht gelöst');
    if (feedback.rating) parts.push(`Bewertung ${feedback.rating} von 5`);
    return parts.join(', ') || '—';
  }

  function renderTranscript(request) {
    const log = $('transcript');
    const lines = request.transcript || [];
    const requesterName = (request.requester && request.requester.name) || 'Mitarbeiter:in';
    const line = (entry) => {
      const from = entry.from === 'user' || entry.from === 'bot' || entry.from === 'staff' ? entry.from : 'bot';
      const who = from === 'user' ? requesterName : from === 'bot' ? 'Anlaufstelle (Bot)' : `Support · ${staffName(entry.by, request) || 'Team'}`;
      const role = from === 'user' ? 'Mitarbeiter:in' : from === 'bot' ? 'Bot' : 'Support';
      return el('li', { class: `line line--${from}`, 'data-testid': 'transcript-line', 'data-from': from },
        el('div', { class: 'line-head' },
          el('span', { class: 'line-who' }, who),
          from === 'user' ? el('span', { class: 'visually-hidden' }, ` (${role})`) : null,
          timeEl(entry.at)),
        el('p', { class: 'line-text', lang: request.language || undefined }, entry.text));
    };
    const sameRequest = state.rendered.id === request.id && lines.length >= state.rendered.count;
    if (sameRequest) {
      log.append(...lines.slice(state.rendered.count).map(line));
    } else {
      // A different request: rebuild quietly instead of announcing the whole conversation.
      log.setAttribute('aria-busy', 'true');
      log.replaceChildren(...lines.map(line));
      if (lines.length === 0) log.append(el('li', { class: 'muted small' }, 'Noch keine Nachrichten.'));
      log.setAttribute('aria-busy', 'false');
    }
    if (!sameRequest || lines.length > state.rendered.count) log.scrollTop = log.scrollHeight;
    state.rendered = { id: request.id, count: lines.length };
  }

  function renderButtons(request) {
    const active = ACTIVE.has(request.status);
    const mine = isMine(request);
    const otherHasIt = !!request.assignee && !mine;
    const can = {
      claim: active && !request.assignee,
      transfer: active && (!otherHasIt || isLead()),
      resolve: request.status === 'in_progress' && (mine || (isLead() && !!request.assignee)),
      handback: active && (!otherHasIt || isLead()),
      faqDraft: !!lastStaffText(request),
      reply: request.status === 'in_progress' && mine
    };
    $('action-claim').disabled = !can.claim;
    $('action-claim').textContent = mine && active ? 'Übernommen' : 'Übernehmen';
    $('action-transfer').disabled = !can.transfer;
    $('action-resolve').disabled = !can.resolve;
    $('action-handback').disabled = !can.handback;
    $('action-faq-draft').disabled = !can.faqDraft;
    $('action-faq-draft').title = can.faqDraft ? '' : 'Möglich, sobald eine Antwort des Supports vorliegt.';
    $('reply-text').disabled = !can.reply;
    $('reply-send').disabled = !can.reply;
    let hint = 'Strg+Enter sendet. Die Nachricht erreicht die Mitarbeiterin oder den Mitarbeiter sofort im Chat.';
    if (!can.reply) {
      if (!active) hint = 'Die Anfrage ist abgeschlossen; Antworten sind nicht mehr möglich.';
      else if (otherHasIt) hint = `${personName(request.assignee)} bearbeitet diese Anfrage.`;
      else hint = 'Übernehmen Sie die Anfrage, um zu antworten.';
    }
    setText('reply-hint', hint);
  }

  /** Runs an action on the selected request and shows the updated request. */
  async function act(path, body, what, errorBox) {
    const id = state.selectedId;
    if (!id) return null;
    try {
      const { request } = await api('POST', `/api/staff/requests/${encodeURIComponent(id)}/${path}`, body);
      if (request) upsert(request);
      return request || {};
    } catch (error) {
      if (error.status === 401) return null;
      showError(errorBox || 'detail-error', [describeError(error, what), ...problemItems(error.body)]);
      if (error.status === 409 || error.status === 403 || error.status === 404) loadRequests();
      return null;
    }
  }

  async function onClaim() {
    showError('detail-error', '');
    const button = $('action-claim');
    button.disabled = true;
    const request = await act('claim', {}, 'Das Übernehmen');
    if (request) {
      announce(`${request.number} ist jetzt Ihnen zugewiesen.`);
      $('reply-text').focus();
    } else {
      renderDetail();
    }
  }

  async function onReply(event) {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text) {
      showError('detail-error', 'Bitte schreiben Sie zuerst eine Antwort.');
      $('reply-text').focus();
      return;
    }
    showError('detail-error', '');
    $('reply-send').disabled = true;
    const request = await act('messages', { text }, 'Das Senden der Antwort');
    if (request) {
      $('reply-text').value = '';
      announce('Antwort gesendet.');
    } else {
      const current = state.requests.get(state.selectedId);
      if (current) renderButtons(current);
    }
    $('reply-text').focus();
  }

  // ---------------------------------------------------------------- dialogs

  function openDialog(name, prepare) {
    const dialog = $(`${name}-dialog`);
    showError(`${name}-error`, '');
    prepare();
    dialog.showModal();
    const first = dialog.querySelector('select, textarea, input');
    if (first) first.focus();
  }

  function closeDialog(name) {
    const dialog = $(`${name}-dialog`);
    if (dialog.open) dialog.close();
  }

  function onTransferOpen() {
    const request = state.requests.get(state.selectedId);
    if (!request) return;
    openDialog('transfer', () => {
      const options = state.departments
        .filter((d) => d.id !== request.department)
        .map((d) => el('option', { value: d.id }, d.name));
      $('transfer-department').replaceChildren(...options);
      $('transfer-note').value = '';
    });
  }

  async function onTransfer(event) {
    event.preventDefault();
    const department = $('transfer-department').value;
    if (!department) return showError('transfer-error', 'Bitte wählen Sie eine Abteilung.');
    const id = state.selectedId;
    const number = (state.requests.get(id) || {}).number;
    $('transfer-submit').disabled = true;
    // The answer is the request in its new queue: upsert() takes it out of this one (admins keep it).
    const request = await act('transfer', { department, note: $('transfer-note').value.trim() }, 'Das Weiterleiten', 'transfer-error');
    $('transfer-submit').disabled = false;
    if (!request) return;
    closeDialog('transfer');
    if (isAdmin()) announce(`${number} ist jetzt bei ${departmentName(department)}.`, true);
    else removeRequest({ id, number, department }, `${number} wurde an ${departmentName(department)} weitergeleitet.`);
    document.getElementById(isAdmin() ? 'detail-title' : 'queue-title').focus();
  }

  function onResolveOpen() {
    openDialog('resolve', () => ($('resolve-note').value = ''));
  }

  async function onResolve(event) {
    event.preventDefault();
    $('resolve-submit').disabled = true;
    const request = await act('resolve', { note: $('resolve-note').value.trim() }, 'Das Abschließen', 'resolve-error');
    $('resolve-submit').disabled = false;
    if (!request) return;
    closeDialog('resolve');
    document.getElementById('detail-title').focus();
    announce(`${request.number || 'Die Anfrage'} ist erledigt. Der Bot bittet um eine Rückmeldung.`, true);
  }

  function onHandbackOpen() {
    openDialog('handback', () => ($('handback-note').value = ''));
  }

  async function onHandback(event) {
    event.preventDefault();
    const note = $('handback-note').value.trim();
    $('handback-submit').disabled = true;
    const request = await act('handback', note ? { note } : {}, 'Das Zurückgeben', 'handback-error');
    $('handback-submit').disabled = false;
    if (!request) return;
    closeDialog('handback');
    document.getElementById('detail-title').focus();
    announce(`${request.number || 'Die Anfrage'} ist an den Bot zurückgegeben.`, true);
  }

  // ---------------------------------------------------------------- FAQ drafts

  let draftRequestId = null;

  function onDraftOpen(fromRequest) {
    const request = fromRequest ? state.requests.get(state.selectedId) : null;
    draftRequestId = request ? request.id : null;
    openDialog('draft', () => {
      for (const lang of ['de', 'en']) {
        for (const field of ['question', 'answer', 'alternatives']) $(`draft-${lang}-${field}`).value = '';
      }
      $('draft-keywords').value = '';
      if (request) {
        const lang = request.language === 'en' ? 'en' : 'de';
        $(`draft-${lang}-question`).value = request.subject || '';
        $(`draft-${lang}-answer`).value = lastStaffText(request);
        setText('draft-source', `Aus ${request.number}: Frage und letzte Antwort sind vorausgefüllt (${LANGUAGE[lang]}). Bitte ergänzen Sie die andere Sprache und allgemeingültige Formulierungen.`);
      } else {
        setText('draft-source', 'Beide Sprachen sind erforderlich. Andere Formulierungen helfen dem Bot, die Frage zu erkennen.');
      }
    });
  }

  async function onDraftSubmit(event) {
    event.preventDefault();
    const language = (lang) => ({
      question: $(`draft-${lang}-question`).value.trim(),
      answer: $(`draft-${lang}-answer`).value.trim(),
      alternatives: lines($(`draft-${lang}-alternatives`).value)
    });
    const body = { de: language('de'), en: language('en') };
    const keywords = $('draft-keywords').value.split(',').map((s) => s.trim()).filter(Boolean);
    if (keywords.length) body.keywords = keywords;
    if (draftRequestId) body.requestId = draftRequestId;

    const missing = [];
    for (const [lang, label] of [['de', 'Deutsch'], ['en', 'Englisch']]) {
      if (!body[lang].question) missing.push([`draft-${lang}-question`, `Frage (${label})`]);
      if (!body[lang].answer) missing.push([`draft-${lang}-answer`, `Antwort (${label})`]);
    }
    if (missing.length) {
      showError('draft-error', `Bitte ausfüllen: ${missing.map(([, label]) => label).join(', ')}.`);
      $(missing[0][0]).focus();
      return;
    }
    $('draft-submit').disabled = true;
    try {
      await api('POST', '/api/staff/faq-drafts', body);
      closeDialog('draft');
      announce('Der FAQ-Entwurf ist gespeichert.', true);
      loadDrafts();
    } catch (error) {
      if (error.status !== 401) {
        const message = error.status === 400 ? `Der Entwurf ist unvollständig: ${error.message}` : describeError(error, 'Das Speichern des Entwurfs');
        showError('draft-error', [message, ...problemItems(error.body)]);
      }
    } finally {
      $('draft-submit').disabled = false;
    }
  }

  async function loadDrafts() {
    try {
      const { drafts } = await api('GET', '/api/staff/faq-drafts');
      state.drafts = Array.isArray(drafts) ? drafts : [];
      showError('drafts-error', '');
      renderDrafts();
    } catch (error) {
      if (error.status !== 401) showError('drafts-error', describeError(error, 'Das Laden der Entwürfe'));
    }
  }

  function renderDrafts() {
    const drafts = [...state.drafts].sort((a, b) =>
      (a.status === 'draft' ? 0 : 1) - (b.status === 'draft' ? 0 : 1) || String(b.createdAt).localeCompare(String(a.createdAt)));
    const side = (lang, content) => el('div', { class: 'draft-lang', lang },
      el('h4', null, LANGUAGE[lang]),
      el('p', { class: 'draft-question', 'data-testid': `draft-${lang}-question-text` }, (content && content.question) || '—'),
      el('p', { class: 'draft-answer' }, (content && content.answer) || '—'),
      content && content.alternatives && content.alternatives.length
        ? el('ul', { class: 'draft-alternatives', 'aria-label': 'Andere Formulierungen' }, content.alternatives.map((a) => el('li', null, a)))
        : null);
    $('draft-list').replaceChildren(...drafts.map((draft) =>
      el('li', { class: `card draft draft--${draft.status}`, 'data-testid': 'draft', 'data-status': draft.status },
        el('div', { class: 'draft-head' },
          el('span', { class: `badge ${draft.status === 'approved' ? 'badge--resolved' : 'badge--open'}`, 'data-testid': 'draft-status' },
            draft.status === 'approved' ? 'freigegeben' : 'Entwurf'),
          el('span', { class: 'muted small' },
            `von ${staffName(draft.createdBy) || 'unbekannt'} · `, timeEl(draft.createdAt, true),
            draft.approvedBy ? ` · freigegeben von ${staffName(draft.approvedBy)}` : '',
            draft.entryId ? ` · Eintrag ${draft.entryId}` : ''),
          isLead() && draft.status === 'draft'
            ? el('button', { type: 'button', class: 'button button--primary button--small', 'data-testid': 'draft-approve', onclick: (e) => approveDraft(draft, e.currentTarget) }, 'Freigeben')
            : null),
        el('div', { class: 'draft-body' }, side('de', draft.de), side('en', draft.en)),
        draft.keywords && draft.keywords.length ? el('p', { class: 'muted small' }, `Schlagwörter: ${draft.keywords.join(', ')}`) : null)));
    show($('drafts-empty'), drafts.length === 0);
    const open = state.drafts.filter((d) => d.status === 'draft').length;
    setText('tab-drafts-count', open ? String(open) : '');
  }

  async function approveDraft(draft, button) {
    button.disabled = true;
    button.textContent = 'Wird freigegeben …';
    try {
      const { entry } = await api('POST', `/api/staff/faq-drafts/${encodeURIComponent(draft.id)}/approve`);
      announce(`Freigegeben${entry && entry.id ? ` als ${entry.id}` : ''}: Der Bot beantwortet die Frage ab sofort.`, true);
      await loadDrafts();
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Freigeben';
      if (error.status !== 401) showError('drafts-error', [describeError(error, 'Das Freigeben'), ...problemItems(error.body)]);
    }
  }

  // ---------------------------------------------------------------- tabs

  function selectTab(name) {
    state.tab = name;
    for (const [tab, panel] of [['requests', 'panel-requests'], ['drafts', 'panel-drafts']]) {
      const button = $(`tab-${tab}`);
      button.setAttribute('aria-selected', String(tab === name));
      button.tabIndex = tab === name ? 0 : -1;
      document.getElementById(panel).hidden = tab !== name;
    }
    if (name === 'drafts' && state.me) loadDrafts();
  }

  function onTabKey(event) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = state.tab === 'requests' ? 'drafts' : 'requests';
    selectTab(next);
    $(`tab-${next}`).focus();
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', onLogin);
    $('logout').addEventListener('click', onLogout);
    $('queue-filter').addEventListener('change', renderQueue);
    $('action-claim').addEventListener('click', onClaim);
    $('action-transfer').addEventListener('click', onTransferOpen);
    $('action-resolve').addEventListener('click', onResolveOpen);
    $('action-handback').addEventListener('click', onHandbackOpen);
    $('action-faq-draft').addEventListener('click', () => onDraftOpen(true));
    $('draft-new').addEventListener('click', () => onDraftOpen(false));
    $('reply-form').addEventListener('submit', onReply);
    $('reply-text').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('reply-form').requestSubmit();
    });
    $('transfer-form').addEventListener('submit', onTransfer);
    $('resolve-form').addEventListener('submit', onResolve);
    $('handback-form').addEventListener('submit', onHandback);
    $('draft-form').addEventListener('submit', onDraftSubmit);
    wireDialogCloseButtons();
    $('tab-requests').addEventListener('click', () => selectTab('requests'));
    $('tab-drafts').addEventListener('click', () => selectTab('drafts'));
    $('tab-requests').addEventListener('keydown', onTabKey);
    $('tab-drafts').addEventListener('keydown', onTabKey);

    // Waiting times move on even when nothing else happens.
    setInterval(() => {
      if (!state.me || !state.loaded) return;
      renderQueue();
      if (state.selectedId) {
        const request = state.requests.get(state.selectedId);
        const wait = request && [...$('detail-meta').querySelectorAll('.meta-item')].find((item) => item.firstChild.textContent === 'Wartezeit');
        if (wait) wait.lastChild.textContent = waitingTime(request);
      }
    }, 30000);

    boot();
  });
})();
