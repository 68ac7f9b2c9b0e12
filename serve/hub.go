package serve

// hub tells every dashboard of the server that the database changed.
type hub struct{}

func newHub() *hub { return &hub{} }

// changed tells the dashboards that a session may have changed the
// database.
func (s *Server) changed() {}
