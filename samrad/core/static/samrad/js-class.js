// Loaded in <head>, before the page is drawn: widgets that need JavaScript show only when it
// runs (samrad.css `.js`). A file rather than an inline script, so that the
// Content-Security-Policy can forbid every inline script.
document.documentElement.classList.add("js");
