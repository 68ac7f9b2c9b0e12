package serve

// hub tells every dashboard of the server that the database changed.
type hub struct{}

func newHub() *hub { return &hub{} }
