package vocab

// Project terms (https://w3id.org/pledgegraph/ns#). Each is defined, with
// Dutch and English labels, in pledgegraph.ttl; a test keeps the two in step.
var (
	// PGCoalitionAgreement is a coalition agreement (regeerakkoord) of a government.
	PGCoalitionAgreement = must(PG + "CoalitionAgreement")
	// PGAgreementSection is a numbered section of a coalition agreement.
	PGAgreementSection = must(PG + "AgreementSection")
	// PGStatement is one paragraph or item of an evaluation.
	PGStatement = must(PG + "Statement")
	// PGDecision is a government decision as cited by an evaluation.
	PGDecision = must(PG + "Decision")
	// PGPart is the part of the evaluation a statement belongs to.
	PGPart = must(PG + "part")
	// PGStatementParts is the concept scheme of the parts of an evaluation.
	PGStatementParts = must(PG + "StatementParts")
	// PGSummary is the summary part of an evaluation.
	PGSummary = must(PG + "Summary")
	// PGDetail is the detailed-explanation part of an evaluation.
	PGDetail = must(PG + "Detail")
	// PGConclusion is the conclusion part of an evaluation.
	PGConclusion = must(PG + "Conclusion")
)
