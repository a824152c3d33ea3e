// Sveltia CMS waits for start.js, which registers the YAML writer before anything is read.
window.CMS_MANUAL_INIT = true;
