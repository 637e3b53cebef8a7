"""verifier: extract numeric claims, verify them against source papers, audit documents.

Public API (import from the submodules; nothing heavy is imported here):

* ``verifier.extract.claim_from_text(text, claim_id="") -> Claim`` and
  ``verifier.document.load_document(doc, settings) -> Document`` (``Document.claims()``);
* ``verifier.index.index_from_store(store, paper)``, ``index_from_parsed(doc, paper_id, label, pdf_path=None)``,
  ``index_from_pdf(path)``, ``build_index(paper_id, label, sentences, cells)`` -> ``SourceIndex``;
* ``verifier.verify.verify_claim(claim_or_text, indexes) -> VerificationResult``;
* ``verifier.service.read_claims / load_sources / verify_lines / save_run`` (the ``litcheck verify`` pipeline);
* ``verifier.audit.audit_document(document, settings=None, extra_sources=()) -> Audit`` and
  ``render(audit, "json" | "md" | "html")``; ``verifier.grim.grim_check(value, decimals, benchmark, samples)``.
"""
