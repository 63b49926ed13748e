package data

import (
	"slices"
	"strings"
)

// EventTypeInfo is one ACLED event type with its disorder type and
// sub-event types.
type EventTypeInfo struct {
	Type, Disorder string
	SubTypes       []string
}

// ACLEDEventTypes is ACLED's event-type vocabulary (codebook 2023), the
// completion list for the event form's type and sub-event type fields.
var ACLEDEventTypes = []EventTypeInfo{
	{"Battles", "Political violence", []string{
		"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}},
	{"Explosions/Remote violence", "Political violence", []string{
		"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
		"Remote explosive/landmine/IED", "Grenade"}},
	{"Violence against civilians", "Political violence", []string{
		"Sexual violence", "Attack", "Abduction/forced disappearance"}},
	{"Protests", "Demonstrations", []string{
		"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}},
	{"Riots", "Demonstrations", []string{"Violent demonstration", "Mob violence"}},
	{"Strategic developments", "Strategic developments", []string{
		"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
		"Headquarters or base established", "Looting/property destruction",
		"Non-violent transfer of territory", "Other"}},
}

// EventTypeNames returns ACLED's event types in codebook order.
func EventTypeNames() []string {
	out := make([]string, len(ACLEDEventTypes))
	for i, t := range ACLEDEventTypes {
		out[i] = t.Type
	}
	return out
}

// SubEventTypes returns the sub-event types of eventType (any case), or
// all of them when eventType is empty or not an ACLED type.
func SubEventTypes(eventType string) []string {
	var all []string
	for _, t := range ACLEDEventTypes {
		if strings.EqualFold(t.Type, eventType) {
			return slices.Clone(t.SubTypes)
		}
		all = append(all, t.SubTypes...)
	}
	return all
}

// EventTypeOf returns the ACLED event type and disorder type of a
// sub-event type (any case), or "" when it is not an ACLED one.
func EventTypeOf(subType string) (eventType, disorder string) {
	for _, t := range ACLEDEventTypes {
		for _, s := range t.SubTypes {
			if strings.EqualFold(s, subType) {
				return t.Type, t.Disorder
			}
		}
	}
	return "", ""
}

// canonicalVocab returns the codebook spelling of an event or sub-event
// type typed in another case, or s unchanged.
func canonicalVocab(s string) string {
	for _, t := range ACLEDEventTypes {
		if strings.EqualFold(t.Type, s) {
			return t.Type
		}
		for _, st := range t.SubTypes {
			if strings.EqualFold(st, s) {
				return st
			}
		}
	}
	return s
}

// Complete returns the candidates that start with prefix (any case), then
// those that contain it elsewhere, at most n (n ≤ 0: all), for a field's
// completion list.
func Complete(candidates []string, prefix string, n int) []string {
	p := strings.ToLower(strings.TrimSpace(prefix))
	var first, rest []string
	for _, c := range candidates {
		l := strings.ToLower(c)
		switch {
		case strings.HasPrefix(l, p):
			first = append(first, c)
		case strings.Contains(l, p):
			rest = append(rest, c)
		}
	}
	out := append(first, rest...)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
