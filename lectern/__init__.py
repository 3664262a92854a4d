"""Lectern: reading-comprehension quizzes built around articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from lectern import request_input
from lectern.config import from_environment
from lectern.extensions import csrf, db, limiter, login_manager, migrate
from lectern.sqlite_transactions import use_immediate_writes

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: environment defaults, then the test overrides."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(from_environment(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    # First, so its checks run before any other hook reads the form (CSRFProtect's included): ids in
    # URLs stop at what a database integer holds; NUL, field names our pages never send and stray
    # files are refused.
    request_input.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.session_protection = "basic"
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            use_immediate_writes(db.engine)

    # Behind N reverse proxies the client's address (what rate limits count by) and the scheme
    # come from the headers the proxies add; served directly, those headers are ignored, since
    # anyone could send them.
    if app.config.get("LECTERN_TRUSTED_PROXIES"):
        hops = app.config["LECTERN_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    from lectern import cli, errors, rendering, security_headers
    from lectern.auth.routes import bp as auth_bp
    from lectern.live import bp as live_bp
    from lectern.lti import bp as lti_bp
    from lectern.lti import init_app as init_lti
    from lectern.media_files import bp as media_bp
    from lectern.services import overdue_attempts
    from lectern.services.teachers import load_teacher
    from lectern.student.routes import bp as student_bp
    from lectern.teacher import bp as teacher_bp

    login_manager.user_loader(load_teacher)
    app.register_blueprint(student_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(teacher_bp)
    app.register_blueprint(live_bp)
    app.register_blueprint(lti_bp)
    app.register_blueprint(media_bp)
    errors.init_app(app)
    security_headers.init_app(app)
    init_lti(app)
    overdue_attempts.init_app(app)
    rendering.init_app(app)
    cli.init_app(app)
    return app

