// Starts Swagger UI at /api (kgserver/web/templates/api_docs.html) with the settings the page
// carries as JSON: kept out of the page, so the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const settings = JSON.parse(document.getElementById("swagger-ui-config").textContent);
  window.ui = SwaggerUIBundle({
    ...settings,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
});
