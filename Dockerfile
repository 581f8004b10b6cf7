# Movie Tracker for self-hosting: `streamlit run streamlit_app.py` on port 8501, as a user
# without root, with the library (SQLite) and the OMDb cache in /data. See README.md,
# "Self-hosting with Docker". Build: docker build -t movie-tracker .
#
# BASE_IMAGE: any Debian-like image with Python 3.10+ and its venv module. .ci/run passes a
# Debian it makes with debootstrap, on machines that cannot pull one.
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}

# Only to reach a package index other than PyPI while building (.ci/run passes the machine's
# when it has one); never kept in the image's environment.
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/movie-tracker/bin:$PATH

# The app gets a virtual environment of its own (so the base's Python packages never mix
# with it), and a user of its own, uid 1000, who owns /data and nothing else.
RUN python3 -m venv /opt/movie-tracker \
    && useradd --uid 1000 --user-group --create-home --shell /usr/sbin/nologin movies \
    && mkdir /data \
    && chown movies:movies /data

# The dependencies first, in a layer of their own that is rebuilt only when setup.cfg,
# pyproject.toml or the version change (an empty README.md stands in for the long
# description); then the package itself, installed, not editable.
WORKDIR /src
COPY pyproject.toml setup.cfg ./
COPY movie_tracker/__init__.py movie_tracker/
RUN touch README.md \
    && pip install ".[postgres]"
COPY README.md ./
COPY movie_tracker movie_tracker
RUN pip install --no-deps --force-reinstall . \
    && rm -rf /src

# What `streamlit run` reads from its working directory: the entry point and the settings.
# Sign-in's [auth] goes in /app/.streamlit/secrets.toml, mounted read-only (never built in).
WORKDIR /app
COPY streamlit_app.py ./
COPY .streamlit/config.toml .streamlit/

# Settings from the environment win over secrets.toml: set these with `-e` or the env file.
ENV DATABASE_URL=sqlite:////data/movies.db \
    OMDB_CACHE=/data/omdb_cache.sqlite \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none

USER 1000:1000
VOLUME ["/data"]
EXPOSE 8501

# Python, not curl: python:3.12-slim has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "streamlit_app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
