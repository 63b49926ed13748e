package paint

// Covers reports whether the font has a glyph for every letter of s, so
// that Draw shows no missing-glyph boxes. ASCII is always covered by the
// Go fonts.
func (f *Face) Covers(s string) bool {
	for _, r := range s {
		if r < 128 {
			continue
		}
		if _, ok := f.face.GlyphAdvance(r); !ok {
			return false
		}
	}
	return true
}
