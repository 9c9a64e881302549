"""HTTP, and only here: the routers, content negotiation, conditional requests and the one way
responses are sent, request-body limits, error pages, the templates and the static files."""
