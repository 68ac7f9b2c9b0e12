package serve

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"maturity/roadmap"
	"maturity/store"
)

// The permission extensions the key check leaves for the session: the
// key it let in and whose it is.
const (
	extFingerprint = "maturity-fingerprint"
	extUser        = "maturity-user"
)

// anonymousName is the name an unknown key gets with --allow-anonymous.
const anonymousName = "anonymous"

// lookupTimeout bounds the store's answer to a login: a busy database
// must not hold a connection forever.
const lookupTimeout = 10 * time.Second

// publicKey lets in a key that belongs to a user (or any key, as
// anonymous, when the server allows it). Only public keys are offered:
// the server has no password or keyboard-interactive handler.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	id, found, err := s.identify(ctx, key)
	fp := gossh.FingerprintSHA256(key)
	if err != nil || !found {
		s.refusedKeys.Store(addrOf(ctx.RemoteAddr()), fp)
		return false
	}
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[extFingerprint] = fp
	perms.Extensions[extUser] = id.Name
	return true
}

// identify finds whose key is, from the database at this moment.
func (s *Server) identify(ctx context.Context, key ssh.PublicKey) (store.Identity, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	id, found, err := s.st.UserOfKey(ctx, key)
	if err == nil && !found && s.cfg.Anonymous != "" {
		return store.Identity{Name: anonymousName, Role: s.cfg.Anonymous}, true, nil
	}
	return id, found, err
}

// connectionFailed records a connection that did not log in: its
// handshake failed, most often because no key it offered is known.
func (s *Server) connectionFailed(conn net.Conn, err error) {
	addr := addrOf(conn.RemoteAddr())
	fp := ""
	if v, ok := s.refusedKeys.LoadAndDelete(addr); ok {
		fp = v.(string)
	}
	detail := "login failed: " + err.Error()
	switch {
	case fp != "":
		detail = "unknown key"
	case strings.Contains(err.Error(), "no auth passed yet"):
		detail = "no public key offered (only public keys log in)"
	}
	s.record(store.AccessEvent{Event: store.AccessRefused, Fingerprint: fp, Address: addr, Detail: detail})
	fmt.Fprintf(s.cfg.Log, "maturity serve: refused %s: %s\n", addr, strings.TrimSpace(fp+" "+detail))
}

// record appends to the access log; a failure is only logged, as the
// session it is about goes on or is gone.
func (s *Server) record(e store.AccessEvent) {
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	if err := s.st.RecordAccess(ctx, e); err != nil {
		fmt.Fprintf(s.cfg.Log, "maturity serve: cannot record %s of %q: %v\n", e.Event, e.User, err)
	}
}

// maxLogged is the most characters of a command line the access log
// keeps.
const maxLogged = 200

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func addrOf(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// sessionIdentity checks a session's key once more and returns who it
// is. The key the session was let in with is re-read from the key check's
// own record and compared with the one the connection authenticated with
// (an application that trusts the last key offered rather than the one
// verified was CVE-2024-45337's hole), and the user is looked up again, so
// that a key removed since the handshake no longer counts.
func (s *Server) sessionIdentity(sess ssh.Session) (store.Identity, string, error) {
	key := sess.PublicKey()
	perms := sess.Permissions()
	if key == nil || perms.Permissions == nil {
		return store.Identity{}, "", errDenied
	}
	fp := gossh.FingerprintSHA256(key)
	if perms.Extensions[extFingerprint] != fp {
		return store.Identity{}, fp, errDenied
	}
	id, found, err := s.identify(sess.Context(), key)
	if err != nil {
		return store.Identity{}, fp, err
	}
	if !found || !strings.EqualFold(id.Name, perms.Extensions[extUser]) {
		return store.Identity{}, fp, errDenied
	}
	return id, fp, nil
}

// errDenied ends a session whose key does not check out.
var errDenied = fmt.Errorf("permission denied")

// admit lets a session in when its key checks out (sessionIdentity) and
// the server has room, and records the login and, when it ends, the
// logout. The session then runs with its identity (session.ctx).
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		addr := addrOf(sess.RemoteAddr())
		id, fp, err := s.sessionIdentity(sess)
		if err != nil {
			s.record(store.AccessEvent{Event: store.AccessRefused, Fingerprint: fp, Address: addr, Detail: err.Error()})
			wish.Fatalln(sess, "maturity: "+err.Error())
			return
		}
		ss, why := s.open(sess, id)
		if ss == nil {
			s.record(store.AccessEvent{Event: store.AccessRefused, User: id.Name, Fingerprint: fp, Address: addr, Detail: why})
			wish.Fatalln(sess, "maturity: "+why)
			return
		}
		what := "dashboard"
		if cmd := sess.Command(); len(cmd) > 0 {
			what = shorten(roadmap.Printable(strings.Join(cmd, " ")), maxLogged)
		}
		s.record(store.AccessEvent{Event: store.AccessLogin, User: id.Name, Fingerprint: fp, Address: addr, Detail: string(id.Role) + ": " + what})
		start := time.Now()
		defer func() {
			// Recorded before the session counts as gone: once the last
			// one is, a drain lets the store's owner close it.
			s.record(store.AccessEvent{Event: store.AccessLogout, User: id.Name, Fingerprint: fp, Address: addr,
				Detail: fmt.Sprintf("after %s", time.Since(start).Round(time.Second))})
			s.close(ss)
		}()
		ss.run(next)
	}
}
