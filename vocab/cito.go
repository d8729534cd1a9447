package vocab

// CiTO terms (http://purl.org/spar/cito/), the Citation Typing Ontology.
var (
	// CitoCitation is a conceptual directional link from a citing entity to a cited entity.
	CitoCitation = must(Cito + "Citation")
	// CitoHasCitingEntity links a citation to the entity that cites.
	CitoHasCitingEntity = must(Cito + "hasCitingEntity")
	// CitoHasCitedEntity links a citation to the entity that is cited.
	CitoHasCitedEntity = must(Cito + "hasCitedEntity")
	// CitoHasCitationCharacterization gives the type (reason) of a citation.
	CitoHasCitationCharacterization = must(Cito + "hasCitationCharacterization")
	// CitoCitesAsEvidence: the citing entity cites the cited entity as source of factual evidence.
	CitoCitesAsEvidence = must(Cito + "citesAsEvidence")
	// CitoCites: the citing entity cites the cited entity (the most general citation property).
	CitoCites = must(Cito + "cites")
)
