// Runs before first paint (a classic script in every page's <head>): the theme last chosen
// in this browser, so a dark page never flashes light while the account is read.
try {
  const theme = localStorage.getItem("taskmate-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // storage blocked: the system's theme
}
