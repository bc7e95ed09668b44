# PartnerCenter image: web (gunicorn), Celery worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=partnercenter.settings.production \
    PYTHONPATH=/app

# WeasyPrint renders through Pango/HarfBuzz; fonts-noto-cjk gives the PDFs real Chinese glyphs (without it
# every Chinese character is drawn as a box). The compiled translations (.mo) are committed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

# Dependencies first (the project declares no importable packages, so this installs only the pins):
# a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY --chown=app:app . .
RUN mkdir -p var/staticfiles var/media var/beat \
    && chown -R app:app var

USER app
# Static files are part of the image, so the worker and beat (which never run collectstatic) can render
# templates with the manifest storage too. Build-time values only: nothing here is kept in the image's env.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput -v 0
EXPOSE 8000
CMD ["gunicorn", "partnercenter.wsgi", "-w", "2", "-b", "0.0.0.0:8000", "--access-logfile", "-"]
