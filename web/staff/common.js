// Anlaufstelle – what the support console (app.js) and the service dashboard (dashboard.js) share:
// DOM building and the JSON fetch. Plain browser JavaScript, no build step; loaded before the page's
// own script, which takes these from window.StaffCommon. Nothing here parses server text as HTML.
'use strict';

(() => {
  /** The element with `data-testid="<testid>"`: the pages address their elements by test id. */
  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

  /**
   * Builds an element. Props: `class`, `text` (text content), `on<event>` handlers, other attributes
   * (`true` sets an empty one; `undefined`, `null`, `false` leave it out). Children that are strings
   * become text nodes; nothing is parsed as HTML.
   */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** Sets the text of the element with the test id. */
  function setText(testid, text) {
    $(testid).textContent = text;
  }

  /** Shows or hides an element. */
  function show(node, visible) {
    node.hidden = !visible;
  }

  /** Shows `message` (a text, or a list of texts and nodes) in the error box with the test id; an empty one hides it. */
  function showError(testid, message) {
    const box = $(testid);
    box.replaceChildren();
    if (!message) return show(box, false);
    if (Array.isArray(message)) box.append(...message);
    else box.textContent = message;
    show(box, true);
  }

  /**
   * An `announce(message, visible)` for the page's `announcer` live region and `toast`: tells screen
   * readers what just happened and, with `visible`, shows it for `toastMs` as well.
   */
  function makeAnnouncer(toastMs) {
    let toastTimer = null;
    return function announce(message, visible) {
      const region = $('announcer');
      region.textContent = '';
      // A fresh text node after clearing makes screen readers read repeated messages too.
      setTimeout(() => (region.textContent = message), 50);
      if (visible) {
        const toast = $('toast');
        toast.textContent = message;
        show(toast, true);
        clearTimeout(toastTimer);
        toastTimer = setTimeout(() => show(toast, false), toastMs);
      }
    };
  }

  /** A failed API call: the HTTP status (0 when the server could not be reached) and the JSON body. */
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || `HTTP ${status}`);
      this.status = status;
      this.body = body || {};
    }
  }

  /** Calls the staff API with the session cookie; resolves to the JSON answer, rejects with an ApiError. */
  async function requestJson(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new ApiError(0, { error: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.' });
    }
    const raw = await response.text();
    let json = null;
    try {
      json = raw ? JSON.parse(raw) : null;
    } catch {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  /**
   * A page's `api(method, path, body)`: like requestJson, but a failure first goes to
   * `onError(error, path)` so that the page can react (an expired session, say), then is rethrown.
   */
  function makeApi(onError) {
    return async function api(method, path, body) {
      try {
        return await requestJson(method, path, body);
      } catch (error) {
        onError(error, path);
        throw error;
      }
    };
  }

  /** The non-empty lines of a textarea's value, trimmed. */
  function lines(value) {
    return value.split('\n').map((s) => s.trim()).filter(Boolean);
  }

  /** Makes every `[data-close]` button in a dialog close its dialog. */
  function wireDialogCloseButtons() {
    document.querySelectorAll('dialog [data-close]').forEach((button) => button.addEventListener('click', () => button.closest('dialog').close()));
  }

  window.StaffCommon = Object.freeze({ $, el, setText, show, showError, makeAnnouncer, ApiError, makeApi, lines, wireDialogCloseButtons });
})();
