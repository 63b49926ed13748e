package synth

// Actor roles an event template asks for.
const (
	roleNone       uint8 = iota
	roleState            // the country's own state forces
	roleArmed            // non-state armed group
	roleStateArm         // state forces (60%) or an armed group
	roleOpponent         // the other side of a clash: state if actor1 is armed, else armed
	roleStrike           // state or external forces that strike from the air or shell
	roleTarget           // state forces (55%) or civilians
	roleCivilians        // civilians of the country
	roleProtesters       // protesters of the country
	roleRioters          // rioters of the country
	rolePolice           // the country's police
	roleGov              // the country's government
	roleGovOther         // the neighbouring government
)

// kind is an ACLED disorder_type / event_type / sub_event_type triple with
// how synthetic rows of that kind are drawn.
type kind struct {
	disorder, event, sub string
	weight               float64 // relative frequency
	a1, a2               uint8   // actor roles
	a2Empty              float64 // probability that actor2 is left empty
	p0, scale            float64 // fatalities: P(0) and tail scale
	civ                  bool    // civilian targeting when actor2 is civilians
	text                 string  // note template (see note.go)
	text0                string  // note template when actor2 is empty
}

const (
	pv   = "Political violence"
	demo = "Demonstrations"
	pvd  = "Political violence; Demonstrations"
	sd   = "Strategic developments"
	bat  = "Battles"
	erv  = "Explosions/Remote violence"
	vac  = "Violence against civilians"
	pro  = "Protests"
	rio  = "Riots"
)

// kinds lists the ACLED event vocabulary used by the generator.
var kinds = [...]kind{
	{pv, bat, "Armed clash", 24, roleStateArm, roleOpponent, 0, 0.35, 3, false,
		"{1} clashed with {2} near {L} ({D}, {P}).", ""},
	{pv, bat, "Government regains territory", 0.6, roleState, roleArmed, 0, 0.4, 3, false,
		"{1} regained control of areas around {L} ({D}, {P}) from {2}.", ""},
	{pv, bat, "Non-state actor overtakes territory", 0.5, roleArmed, roleState, 0, 0.4, 3, false,
		"{1} overran a checkpoint held by {2} near {L} ({D}, {P}).", ""},
	{pv, erv, "Air/drone strike", 6, roleStrike, roleArmed, 0.35, 0.3, 3, true,
		"{1} carried out a drone strike on a hideout of {2} near {L} ({D}, {P}).",
		"{1} carried out air strikes on mountain areas near {L} ({D}, {P})."},
	{pv, erv, "Suicide bomb", 3, roleArmed, roleTarget, 0, 0.2, 4, true,
		"{1} carried out a suicide bombing targeting {2} in {L} ({D}, {P}).", ""},
	{pv, erv, "Remote explosive/landmine/IED", 10, roleArmed, roleTarget, 0.25, 0.55, 1.5, true,
		"an IED planted by {1} exploded near {2} in {L} ({D}, {P}).",
		"an IED planted by {1} exploded on a road in {L} ({D}, {P})."},
	{pv, erv, "Shelling/artillery/missile attack", 4, roleStrike, roleTarget, 0.25, 0.6, 1.5, true,
		"{1} fired mortar shells at {2} near {L} ({D}, {P}).",
		"{1} fired mortar shells at villages near {L} ({D}, {P})."},
	{pv, erv, "Grenade", 2, roleArmed, roleTarget, 0, 0.6, 1, true,
		"{1} hurled a hand grenade at {2} in {L} ({D}, {P}).", ""},
	{pv, vac, "Attack", 14, roleArmed, roleCivilians, 0, 0.3, 0.8, true,
		"{1} opened fire on {2} in {L} ({D}, {P}).", ""},
	{pv, vac, "Abduction/forced disappearance", 4, roleStateArm, roleCivilians, 0, 1, 0, true,
		"{1} abducted {2} from {L} ({D}, {P}).", ""},
	{demo, pro, "Peaceful protest", 16, roleProtesters, roleNone, 1, 1, 0, false,
		"{1} held a demonstration in {L} ({D}, {P}) over {T}.", "{1} held a demonstration in {L} ({D}, {P}) over {T}."},
	{demo, pro, "Protest with intervention", 3, roleProtesters, rolePolice, 0, 1, 0, false,
		"{1} rallied in {L} ({D}, {P}) over {T}; {2} dispersed the crowd.", ""},
	{pvd, pro, "Excessive force against protesters", 1, roleProtesters, rolePolice, 0, 0.5, 1, false,
		"{2} opened fire on {1} protesting over {T} in {L} ({D}, {P}).", ""},
	{demo, rio, "Violent demonstration", 3, roleRioters, rolePolice, 0.6, 0.95, 0.5, false,
		"{1} blocked roads and clashed with {2} in {L} ({D}, {P}) over {T}.",
		"{1} blocked roads and pelted stones in {L} ({D}, {P}) over {T}."},
	{pv, rio, "Mob violence", 1, roleRioters, roleCivilians, 0, 0.5, 0.6, true,
		"{1} attacked {2} in {L} ({D}, {P}) after a dispute over {T}.", ""},
	{sd, sd, "Arrests", 3, rolePolice, roleArmed, 0.3, 1, 0, false,
		"{1} arrested suspected {2} during a raid in {L} ({D}, {P}).", ""},
	{sd, sd, "Agreement", 0.5, roleGov, roleGovOther, 0.3, 1, 0, false,
		"{1} and {2} reached an agreement on {T} at talks in {L} ({D}, {P}).",
		"{1} and local elders reached an agreement on {T} in {L} ({D}, {P})."},
	{sd, sd, "Change to group/activity", 1, roleStateArm, roleNone, 1, 1, 0, false,
		"", "{1} announced a change in operations around {L} ({D}, {P})."},
	{sd, sd, "Headquarters or base established", 0.5, roleStateArm, roleNone, 1, 1, 0, false,
		"", "{1} established a new post near {L} ({D}, {P})."},
	{sd, sd, "Non-violent transfer of territory", 0.3, roleStateArm, roleOpponent, 0.3, 1, 0, false,
		"{1} took over positions held by {2} near {L} ({D}, {P}) without fighting.",
		"{1} took over a checkpoint near {L} ({D}, {P}) without fighting."},
	{sd, sd, "Looting/property destruction", 1, roleArmed, roleCivilians, 0.5, 1, 0, false,
		"{1} set fire to property belonging to {2} in {L} ({D}, {P}).",
		"{1} blew up a government school building in {L} ({D}, {P})."},
	{sd, sd, "Disrupted weapons use", 1.5, roleState, roleArmed, 0.5, 1, 0, false,
		"{1} defused an IED planted by {2} on a road near {L} ({D}, {P}).",
		"{1} defused an IED planted on a road near {L} ({D}, {P})."},
	{sd, sd, "Other", 1.5, roleGov, roleNone, 1, 1, 0, false,
		"", "{1} imposed restrictions on movement in {L} ({D}, {P}) citing security threats."},
}

// topics for protest, riot and agreement notes.
var topics = [...]string{
	"power outages", "rising fuel prices", "the killing of a tribal elder", "the closure of border crossings",
	"enforced disappearances", "water shortages", "unpaid salaries", "the security situation",
	"mobile internet suspensions", "a land dispute", "the arrest of party leaders", "inflation",
	"military operations", "gas load-shedding", "the deportation of Afghan refugees", "border trade",
}

// agreementTopics for Agreement notes.
var agreementTopics = [...]string{
	"border trade", "a ceasefire", "a prisoner exchange", "the return of refugees",
	"the reopening of border crossings", "joint border patrols",
}

// Outcome sentences.
var (
	noFatal = [...]string{" No casualties were reported.", " There were no reported fatalities.", " No one was hurt."}
	fillers = [...]string{
		" The incident was reported by local sources.", " Security was tightened in the area afterwards.",
		" The area was cordoned off.", " Details remained unclear.", " Local officials confirmed the incident.",
	}
	crowdSizes = [...]string{"no report", "no report", "no report", "around 50", "around 200", "hundreds", "dozens", "around 1000"}
)

var sourceNames = [...]string{
	"Synthetic Daily", "Synthetic Tribune", "Synthetic Times", "Synthetic Radio", "Synthetic Wire",
	"Synthetic Frontier Post", "Synthetic Balochistan Bulletin", "Synthetic Kabul Monitor",
	"Synthetic Partner Network", "Synthetic News Agency", "Synthetic TV", "Synthetic Social Media",
}

var sourceScales = [...]string{
	"National", "National", "National", "Subnational", "Subnational", "Local partner-Other",
	"National-International", "International", "Subnational-National", "New media", "Other-National",
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}
