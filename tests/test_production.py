"""Production mode: hashed, compressed static files that the production storage can build."""

from django.core.management import call_command


def test_collectstatic_builds_hashed_gzip_and_brotli_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    css = sorted(path.name for path in (tmp_path / "css").iterdir())
    assert any(name.startswith("site.") and name.endswith(".css.br") for name in css)
    assert any(name.startswith("site.") and name.endswith(".css.gz") for name in css)
    jquery_ui = [path.name for path in (tmp_path / "vendor" / "jquery-ui").iterdir()]
    assert any(name.startswith("jquery-ui.min.") and name.endswith(".js") for name in jquery_ui)
    assert (tmp_path / "staticfiles.json").exists()
