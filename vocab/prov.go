package vocab

// PROV-O terms (http://www.w3.org/ns/prov#).
var (
	// ProvWasDerivedFrom: a derivation is a transformation of an entity into another.
	ProvWasDerivedFrom = must(Prov + "wasDerivedFrom")
)
