/*
 * Anlaufstelle web chat widget. Embed it in any page:
 *
 *   <div id="anlaufstelle-chat" style="height: 600px"></div>
 *   <script src="https://bot.example.com/embed.js" data-target="anlaufstelle-chat" async></script>
 *
 * data-target     id of the element to mount into (default: a 600px high element after the script)
 * data-locale     the language the chat starts in, de-DE or en-US (default: the bot's DEFAULT_LANGUAGE)
 * data-persist    "session" (default: the conversation survives reloads of the tab), "local"
 *                 (survives closing the browser) or "none"
 * data-page-lang  "follow": the page's <html lang> follows the chat's language too
 *
 * It loads Microsoft's Web Chat from the bot, gets a Direct Line token from the bot's POST /api/token
 * and talks to the bot's own Direct Line endpoint. Token and conversation id are kept in the chosen
 * storage, so a reload reconnects to the same conversation and shows it again.
 *
 * The chat follows the conversation's language: every bot message carries it as its locale, and when
 * it changes, Web Chat's own texts (input placeholder, buttons), the employee's avatar and every
 * element of the page marked data-anlaufstelle-text="tagline" switch with it; the mount element gets
 * the lang attribute and an "anlaufstelle:language" event ({ detail: { language, locale } }).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) {
    console.error('Anlaufstelle: embed.js must be included with a <script src="…/embed.js"> tag.');
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  var options = script.dataset;
  var storageKey = 'anlaufstelle.webchat:' + origin;
  var storage = pickStorage(options.persist);

  function pickStorage(kind) {
    try {
      if (kind === 'none') return null;
      return kind === 'local' ? window.localStorage : window.sessionStorage;
    } catch (error) {
      return null; // storage disabled (privacy settings): every load starts a new conversation
    }
  }

  function mountPoint() {
    var element = options.target && document.getElementById(options.target);
    if (element) return element;
    element = document.createElement('div');
    element.style.height = '600px';
    script.parentNode.insertBefore(element, script.nextSibling);
    return element;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = src;
      tag.async = true;
      tag.onload = resolve;
      tag.onerror = function () {
        reject(new Error('could not load ' + src));
      };
      document.head.appendChild(tag);
    });
  }

  function fetchJson(url, init) {
    return fetch(url, init).then(function (response) {
      if (!response.ok) throw new Error(url + ' answered ' + response.status);
      return response.json();
    });
  }

  function load() {
    try {
      var saved = storage && JSON.parse(storage.getItem(storageKey) || 'null');
      return saved && saved.token && saved.conversationId ? saved : null;
    } catch (error) {
      return null;
    }
  }

  function save(session) {
    if (storage) storage.setItem(storageKey, JSON.stringify({ token: session.token, conversationId: session.conversationId, language: session.language }));
  }

  /** The stored conversation with a refreshed token, or a new one from the bot. */
  function session() {
    var saved = load();
    var fresh = function () {
      return fetchJson(origin + '/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(function (body) {
        return { token: body.token, conversationId: body.conversationId, resumed: false };
      });
    };
    if (!saved) return fresh();
    return fetchJson(origin + '/v3/directline/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + saved.token } }).then(
      function (body) {
        return { token: body.token, conversationId: saved.conversationId, resumed: true, language: saved.language };
      },
      function () {
        if (storage) storage.removeItem(storageKey); // expired or unknown: start over
        return fresh();
      }
    );
  }

  function initials(name) {
    return name
      .split(/\s+/)
      .map(function (word) {
        return word.charAt(0);
      })
      .join('')
      .slice(0, 2)
      .toUpperCase();
  }

  /** The language ("de", "en") of a locale the bot speaks, or null. */
  function languageOf(settings, locale) {
    var language = typeof locale === 'string' ? locale.slice(0, 2).toLowerCase() : '';
    return Object.prototype.hasOwnProperty.call(settings.languages, language) ? language : null;
  }

  function styleOptions(settings, language) {
    var brand = settings.brandColor;
    return {
      accent: brand,
      botAvatarInitials: initials(settings.botName),
      userAvatarInitials: settings.languages[language].texts.userInitials,
      bubbleBorderRadius: 10,
      bubbleFromUserBorderRadius: 10,
      bubbleFromUserBackground: brand,
      bubbleFromUserTextColor: '#ffffff',
      suggestedActionLayout: 'flow',
      suggestedActionBorderColor: brand,
      suggestedActionTextColor: brand,
      suggestedActionBorderRadius: 16,
      sendBoxButtonColor: brand,
      hideUploadButton: true,
      rootHeight: '100%',
      rootWidth: '100%'
    };
  }

  /** The page's own texts, its language, and an event for the host page. */
  function showLanguage(settings, language, element) {
    var texts = settings.languages[language].texts;
    var marked = document.querySelectorAll('[data-anlaufstelle-text]');
    for (var i = 0; i < marked.length; i++) {
      var text = texts[marked[i].getAttribute('data-anlaufstelle-text')];
      if (typeof text === 'string') marked[i].textContent = text;
    }
    element.setAttribute('lang', language);
    if (options.pageLang === 'follow') document.documentElement.setAttribute('lang', language);
    element.dispatchEvent(new CustomEvent('anlaufstelle:language', { bubbles: true, detail: { language: language, locale: settings.languages[language].locale } }));
  }

  function start() {
    var element = mountPoint();
    return Promise.all([fetchJson(origin + '/webchat/config'), window.WebChat ? null : loadScript(origin + '/webchat/webchat.js')])
      .then(function (loaded) {
        return session().then(function (current) {
          return { settings: loaded[0], current: current };
        });
      })
      .then(function (state) {
        var current = state.current;
        var settings = state.settings;
        // A resumed conversation goes on in its last language; a new one starts in the widget's.
        current.language = languageOf(settings, current.language) || languageOf(settings, options.locale) || languageOf(settings, settings.locale) || 'de';
        // Resuming: directlinejs reconnects to the conversation (GET …/conversations/:id) and the stream
        // replays it from the start, so the earlier messages show again. A new conversation starts in the
        // widget's language: the bot's welcome comes in it.
        var directLine = window.WebChat.createDirectLine({
          token: current.token,
          domain: origin + '/v3/directline',
          webSocket: true,
          conversationId: current.resumed ? current.conversationId : undefined,
          conversationStartProperties: { locale: settings.languages[current.language].locale }
        });
        save(current);
        // directlinejs refreshes its token every 15 minutes; keep the stored one current.
        var keep = function () {
          if (directLine.token && directLine.token !== current.token) {
            current.token = directLine.token;
            save(current);
          }
        };
        window.setInterval(keep, 60 * 1000);
        window.addEventListener('pagehide', keep);
        var render = function () {
          var language = current.language;
          window.WebChat.renderWebChat(
            { directLine: directLine, store: store, locale: settings.languages[language].locale, styleOptions: styleOptions(settings, language) },
            element
          );
          showLanguage(settings, language, element);
        };
        // The bot stamps every message with the conversation's language; the chat follows it.
        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
              var language = activity && activity.type === 'message' && activity.from && activity.from.role === 'bot' && languageOf(settings, activity.locale);
              var result = next(action);
              if (language && language !== current.language) {
                current.language = language;
                save(current);
                window.setTimeout(render, 0); // after the store has taken the activity
              }
              return result;
            };
          };
        });
        render();
      })
      .catch(function (error) {
        console.error('Anlaufstelle web chat could not start:', error);
        element.textContent = 'Der Chat ist gerade nicht erreichbar. / The chat is currently unavailable.';
      });
  }

  start();
})();
