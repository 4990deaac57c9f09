// The user's theme on this page, remembered for js/theme_boot.js on the next one.
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;
  else delete root.dataset.theme;
  try {
    localStorage.setItem("taskmate-theme", theme);
  } catch {
    // storage blocked: this page still shows it
  }
}
