// Kept out of index.html so a strict Content-Security-Policy (no inline scripts) can apply.
window.ui = SwaggerUIBundle({url: "/openapi?format=JSON", dom_id: "#swagger-ui", deepLinking: true});
