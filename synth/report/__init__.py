"""The synthesis report and the one-paper digest: plan -> rank -> ingest -> claims -> verify -> synthesise -> score -> render.

Nothing heavy is imported here; see ``synth.report.pipeline.build_report`` and ``synth.report.digest.build_digest``.
"""
