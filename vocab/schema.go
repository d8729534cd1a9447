package vocab

// schema.org terms (http://schema.org/, the http form Themis itself uses).
var (
	// SchemaClaim is a specific, factually-oriented claim: here the promise of an agreement section.
	SchemaClaim = must(Schema + "Claim")
	// SchemaClaimReview is a fact-checking review of claims: here an evaluation report.
	SchemaClaimReview = must(Schema + "ClaimReview")
	// SchemaDigitalDocument is an electronic file or document: here the source report file.
	SchemaDigitalDocument = must(Schema + "DigitalDocument")
	// SchemaText is the textual content of a creative work.
	SchemaText = must(Schema + "text")
	// SchemaName is the name of an item.
	SchemaName = must(Schema + "name")
	// SchemaAlternativeHeadline is a secondary title of a creative work.
	SchemaAlternativeHeadline = must(Schema + "alternativeHeadline")
	// SchemaItemReviewed is the item that is being reviewed.
	SchemaItemReviewed = must(Schema + "itemReviewed")
	// SchemaReviewBody is the actual body of the review.
	SchemaReviewBody = must(Schema + "reviewBody")
	// SchemaInLanguage is the language of the content (IETF BCP 47).
	SchemaInLanguage = must(Schema + "inLanguage")
	// SchemaPosition is the position of an item in a series or sequence.
	SchemaPosition = must(Schema + "position")
	// SchemaURL is the URL of the item.
	SchemaURL = must(Schema + "url")
	// SchemaDescription is a description of the item.
	SchemaDescription = must(Schema + "description")
	// SchemaEncodingFormat is the media type of a file.
	SchemaEncodingFormat = must(Schema + "encodingFormat")
)
