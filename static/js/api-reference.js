// The API reference: Swagger UI (static/vendor/swagger-ui) over the API's OpenAPI
// description, from this site only (no validator badge, which would load from elsewhere).
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("api-reference");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    validatorUrl: null,
    deepLinking: false,
  });
});
