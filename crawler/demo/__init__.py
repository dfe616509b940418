"""The bundled demo site: saved aggregator pages (en, de, zh), a listing, sitemap and feed."""
