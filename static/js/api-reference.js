// The API reference: Swagger UI (static/vendor/swagger-ui) over the API's OpenAPI
// description, from this site only (no validator badge, which would load from elsewhere).
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("api-reference");

  // Swagger UI's lists of values have no label: each is named after its parameter.
  const labelLists = () => {
    root.querySelectorAll("select:not([aria-label])").forEach((select) => {
      const row = select.closest("[data-param-name]");
      const name = row ? row.dataset.paramName : select.id;
      if (name) select.setAttribute("aria-label", name);
    });
    root.querySelectorAll("pre:not([tabindex])").forEach((block) => {
      block.tabIndex = 0; // Long examples scroll; the keyboard must reach them.
    });
  };
  new MutationObserver(labelLists).observe(root, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    validatorUrl: null,
    deepLinking: false,
  });
});
