"""aipkg: a knowledge-graph store for corporate AI partnerships.

Pipeline stages, one module each, passing the plain dataclasses of :mod:`kg.model`:
read (:mod:`kg.read`) -> extract (:mod:`kg.extract`) -> resolve and build RDF (:mod:`kg.resolve`)
-> store (:mod:`kg.store`).
"""

__version__ = "0.1.0"
