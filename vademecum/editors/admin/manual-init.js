// Sveltia CMS waits for start.js, which registers the YAML writer before anything is read.
window.CMS_MANUAL_INIT = true;

// French whatever the browser's language, unless the editor picked another language in the
// editor's settings. Sveltia reads this preference before its first screen (no `locale` option).
// Its cached copy of the French messages is dropped so that the copy served beside this page,
// completed with the messages Sveltia lacks in French (fr-complement.json), is the one read.
(() => {
  const prefsKey = 'sveltia-cms.prefs';
  try {
    let prefs = {};
    try {
      prefs = JSON.parse(window.localStorage.getItem(prefsKey) || '{}') || {};
    } catch {
      prefs = {};
    }
    if (!prefs.locale || prefs.locale === 'auto') {
      window.localStorage.setItem(prefsKey, JSON.stringify({ ...prefs, locale: 'fr' }));
    }
    window.localStorage.removeItem('sveltia-cms.locale');
  } catch {
    // Storage refused (private mode, blocked cookies): the browser's language decides.
  }
})();
