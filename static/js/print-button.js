// Buttons that print the page: shown only when scripts run (the browser's menu prints too).
document.querySelectorAll(".print-button").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
