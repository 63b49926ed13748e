// Package data is Frontier's model and storage layer: events, actors, the
// bbolt store with its schema and migrations, the in-memory columnar index
// with filters, and the file formats (importers and exporters).
//
// It knows nothing about Fyne or the views; everything here is pure and
// deterministic so it can be table-tested and used by the CLI and the GUI
// alike.
package data
