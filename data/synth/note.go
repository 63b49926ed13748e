package synth

import "strconv"

// Note templates use these placeholders: {1} and {2} for the prose form of
// actor1 and actor2, {L} location, {D} admin2, {P} admin1, {T} a topic.

// Target note length in bytes.
const (
	noteMin = 120
	noteMax = 200
)

const notePrefix = "[Synthetic] "

// note builds the notes column: a dated lead, the template sentence, an
// outcome sentence, and fillers up to noteMin bytes.
func (g *generator) note(k *kind, t *town, a1, a2 *actor, tp, fatal int) string {
	r := &g.r
	b := append(g.buf[:0], notePrefix...)
	switch tp {
	case 2:
		b = append(b, g.leadWeek...)
	case 3:
		b = append(b, g.leadMon...)
	default:
		b = append(b, g.lead...)
	}
	tmpl := k.text
	if a2 == nil && k.text0 != "" {
		tmpl = k.text0
	}
	topic := topics[r.intn(len(topics))]
	if k.sub == "Agreement" {
		topic = agreementTopics[r.intn(len(agreementTopics))]
	}
	for i := 0; i < len(tmpl); i++ {
		ch := tmpl[i]
		if ch != '{' || i+2 >= len(tmpl) || tmpl[i+2] != '}' {
			b = append(b, ch)
			continue
		}
		switch tmpl[i+1] {
		case '1':
			b = append(b, a1.short[g.era]...)
		case '2':
			if a2 != nil {
				b = append(b, a2.short[g.era]...)
			} else {
				b = append(b, "unknown targets"...)
			}
		case 'L':
			b = append(b, t.name...)
		case 'D':
			b = append(b, t.admin2...)
		case 'P':
			b = append(b, t.admin1...)
		case 'T':
			b = append(b, topic...)
		}
		i += 2
	}

	var out []byte
	switch {
	case g.crowd != "" && fatal == 0:
		out = append(out, " [size="...)
		out = append(out, g.crowd...)
		out = append(out, ']')
	case fatal == 1:
		out = append(out, " 1 person was killed."...)
	case fatal > 1 && r.chance(0.5):
		out = append(out, ' ')
		out = strconv.AppendInt(out, int64(fatal), 10)
		out = append(out, " people were killed."...)
	case fatal > 1:
		out = append(out, " Fatalities: "...)
		out = strconv.AppendInt(out, int64(fatal), 10)
		out = append(out, '.')
	case k.event != "Strategic developments":
		out = append(out, noFatal[r.intn(len(noFatal))]...)
	}
	if len(b)+len(out) <= noteMax || len(out) > 0 && fatal > 0 {
		b = append(b, out...)
	}
	for j := r.intn(len(fillers)); len(b) < noteMin; j++ {
		f := fillers[j%len(fillers)]
		if len(b)+len(f) > noteMax {
			break
		}
		b = append(b, f...)
	}
	g.buf = b
	return string(b)
}
