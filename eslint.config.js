// ESLint for the project's own browser script (run by `make test`, versions locked in
// package-lock.json). The script runs as a classic <script> in today's browsers.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-var": "error",
      "prefer-const": "error",
      strict: ["error", "function"],
    },
  },
  {
    // The form editor's own scripts (/admin/): ES modules, except manual-init.js.
    files: ["vademecum/editors/admin/**/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: "error",
      "no-shadow": "error",
      "no-var": "error",
      "prefer-const": "error",
    },
  },
];
