// Small conveniences for the SPARQL editor; the form works without them.
document.addEventListener("DOMContentLoaded", () => {
  const area = document.getElementById("query");
  if (!area) return;
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      area.form.requestSubmit();
    }
  });
});
