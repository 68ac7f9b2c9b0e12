package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// User is a person who may reach the roadmap through the SSH server
// (maturity serve): a name, which the history records, a role, and the
// public keys that identify them.
type User struct {
	Name    string
	Role    Role
	Keys    []UserKey
	Created time.Time
}

// UserKey is one public key of a user.
type UserKey struct {
	// Fingerprint is the key's SHA256 fingerprint, as ssh-keygen -l
	// prints it: "SHA256:…".
	Fingerprint string
	// Line is the key as an authorized_keys line: type, key and the
	// comment given with it.
	Line    string
	Added   time.Time
	Comment string
}

// migrate6 adds the users, their keys, and the access log. (Numbered 6:
// migration 5 adds capacity.)
func migrate6(tx *sql.Tx, _ *Store) error {
	_, err := tx.Exec(`
CREATE TABLE users (
	name       TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,  -- unique in any case
	role       TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
	created_at INTEGER NOT NULL
);
CREATE TABLE user_keys (
	fingerprint TEXT NOT NULL PRIMARY KEY,  -- SHA256:…, one user per key
	user_name   TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
	line        TEXT NOT NULL,  -- the authorized_keys line
	added_at    INTEGER NOT NULL
);
CREATE INDEX user_keys_by_user ON user_keys (user_name);
CREATE TABLE access_log (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL,
	event       TEXT NOT NULL,  -- login, refused, logout, or a change of the users
	user_name   TEXT NOT NULL,  -- '' when the key is unknown
	fingerprint TEXT NOT NULL,
	address     TEXT NOT NULL,
	detail      TEXT NOT NULL
);
CREATE INDEX access_log_by_time ON access_log (at);`)
	return err
}

// userName is the rule of a user's name: it is what the history records
// and what people type, so letters, digits and . _ @ - only.
var userName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// CheckUserName refuses a name that is not a valid user name.
func CheckUserName(name string) error {
	if !userName.MatchString(name) {
		return fmt.Errorf("invalid user name %q: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit", name)
	}
	return nil
}

// ParseUserKey reads a public key as an authorized_keys line ("ssh-ed25519
// AAAA… comment"), without options, and returns it with its fingerprint.
func ParseUserKey(line string) (UserKey, ssh.PublicKey, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return UserKey{}, nil, errors.New("empty key: give a public key such as \"ssh-ed25519 AAAA… you@host\" (the .pub file's line)")
	}
	if strings.ContainsAny(line, "\n\r") {
		return UserKey{}, nil, errors.New("a key is one line: give one --key per key")
	}
	pub, comment, options, rest, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return UserKey{}, nil, fmt.Errorf("not a public key (want a line such as \"ssh-ed25519 AAAA… you@host\", the .pub file's): %v", err)
	}
	if len(options) > 0 || len(strings.TrimSpace(string(rest))) > 0 {
		return UserKey{}, nil, errors.New("give the public key alone, without authorized_keys options")
	}
	if strings.HasPrefix(pub.Type(), "ssh-") && strings.Contains(pub.Type(), "-cert-") {
		return UserKey{}, nil, errors.New("give a public key, not a certificate")
	}
	comment, err = CleanActor(comment, "the key's comment")
	if err != nil {
		return UserKey{}, nil, err
	}
	text := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub)))
	if comment != "" {
		text += " " + comment
	}
	return UserKey{Fingerprint: ssh.FingerprintSHA256(pub), Line: text, Comment: comment}, pub, nil
}

// UserChange is what AddUser did.
type UserChange struct {
	User    User
	Created bool      // the user is new
	Added   []UserKey // the keys that were new
}

// AddUser adds a user with role and keys (authorized_keys lines), or
// adds keys to an existing one, whose role must then be role or empty. A
// key that belongs to another user, an invalid name, role or key is
// refused, and nothing is written. It needs UsersAccess.
func (s *Store) AddUser(ctx context.Context, name string, role Role, keys []string) (UserChange, error) {
	var out UserChange
	if err := CheckUserName(name); err != nil {
		return out, err
	}
	if role != "" {
		if _, err := ParseRole(string(role)); err != nil {
			return out, err
		}
	}
	parsed := make([]UserKey, 0, len(keys))
	for _, k := range keys {
		uk, _, err := ParseUserKey(k)
		if err != nil {
			return out, fmt.Errorf("--key %q: %v", k, err)
		}
		parsed = append(parsed, uk)
	}
	err := s.write(ctx, UsersAccess, func(t *txn) error {
		u, found, err := t.user(name)
		if err != nil {
			return err
		}
		switch {
		case !found && len(parsed) == 0:
			return fmt.Errorf("a new user needs a key (--key \"ssh-ed25519 AAAA… %s@host\")", name)
		case !found:
			if role == "" {
				role = RoleViewer
			}
			if _, err := t.exec(`INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)`, name, string(role), formatTime(t.at)); err != nil {
				return err
			}
			u = User{Name: name, Role: role, Created: t.at}
			out.Created = true
			if err := t.logAccess("user-add", name, "", "", "role "+string(role)); err != nil {
				return err
			}
		case role != "" && role != u.Role:
			return fmt.Errorf("%s is already a user, %s: change the role with 'users role %s %s'", u.Name, u.Role.Article(), u.Name, role)
		case len(parsed) == 0:
			return fmt.Errorf("%s is already a user: give a --key to add", u.Name)
		}
		for _, k := range parsed {
			var owner string
			err := t.tx.QueryRowContext(t.ctx, `SELECT user_name FROM user_keys WHERE fingerprint = ?`, k.Fingerprint).Scan(&owner)
			switch {
			case err == nil && strings.EqualFold(owner, u.Name):
				continue // has it already
			case err == nil:
				return fmt.Errorf("key %s already belongs to %s", k.Fingerprint, owner)
			case !errors.Is(err, sql.ErrNoRows):
				return dbError(err)
			}
			if _, err := t.exec(`INSERT INTO user_keys (fingerprint, user_name, line, added_at) VALUES (?, ?, ?, ?)`,
				k.Fingerprint, u.Name, k.Line, formatTime(t.at)); err != nil {
				return err
			}
			k.Added = t.at
			out.Added = append(out.Added, k)
			if err := t.logAccess("key-add", u.Name, k.Fingerprint, "", k.Comment); err != nil {
				return err
			}
		}
		if !out.Created && len(out.Added) == 0 {
			return fmt.Errorf("%s has every key given already; nothing was changed", u.Name)
		}
		out.User, _, err = t.user(u.Name)
		return err
	})
	return out, err
}

// RemoveUser removes a user and their keys; the history keeps their name.
// It needs UsersAccess.
func (s *Store) RemoveUser(ctx context.Context, name string) (User, error) {
	var u User
	err := s.write(ctx, UsersAccess, func(t *txn) error {
		var found bool
		var err error
		if u, found, err = t.user(name); err != nil {
			return err
		}
		if !found {
			return noUser(name)
		}
		if _, err := t.exec(`DELETE FROM users WHERE name = ?`, u.Name); err != nil {
			return err
		}
		return t.logAccess("user-rm", u.Name, "", "", fmt.Sprintf("was %s with %d key(s)", u.Role.Article(), len(u.Keys)))
	})
	return u, err
}

// SetRole changes a user's role. It needs UsersAccess.
func (s *Store) SetRole(ctx context.Context, name string, role Role) (old User, err error) {
	if _, err := ParseRole(string(role)); err != nil {
		return old, err
	}
	err = s.write(ctx, UsersAccess, func(t *txn) error {
		var found bool
		var err error
		if old, found, err = t.user(name); err != nil {
			return err
		}
		if !found {
			return noUser(name)
		}
		if old.Role == role {
			return fmt.Errorf("%s is %s already; nothing was changed", old.Name, role.Article())
		}
		if _, err := t.exec(`UPDATE users SET role = ? WHERE name = ?`, string(role), old.Name); err != nil {
			return err
		}
		return t.logAccess("user-role", old.Name, "", "", string(old.Role)+" → "+string(role))
	})
	return old, err
}

func noUser(name string) error {
	return fmt.Errorf("no user %q ('users list' lists them)", name)
}

// Users lists the users by name with their keys. It needs UsersAccess.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	if err := Allowed(ctx, UsersAccess); err != nil {
		return nil, err
	}
	var out []User
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = readUsers(ctx, tx, "")
		return err
	})
	return out, err
}

// UserOfKey finds the user a public key belongs to; found is false for
// a key nobody has. The server asks it on every login, so that a key
// removed or a role changed counts from the next login on.
func (s *Store) UserOfKey(ctx context.Context, key ssh.PublicKey) (id Identity, found bool, err error) {
	fp := ssh.FingerprintSHA256(key)
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		var role string
		err := tx.QueryRowContext(ctx, `SELECT u.name, u.role FROM user_keys k JOIN users u ON u.name = k.user_name WHERE k.fingerprint = ?`, fp).Scan(&id.Name, &role)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return dbError(err)
		}
		found, id.Role = true, Role(role)
		return nil
	})
	return id, found, err
}

// user reads one user, in any case of the name.
func (t *txn) user(name string) (User, bool, error) {
	us, err := readUsers(t.ctx, t.tx, name)
	if err != nil || len(us) == 0 {
		return User{}, false, err
	}
	return us[0], true, nil
}

// readUsers reads every user, or the one named name, with their keys.
func readUsers(ctx context.Context, q querier, name string) ([]User, error) {
	where, args := "", []any{}
	if name != "" {
		where, args = ` WHERE u.name = ?`, []any{name}
	}
	rows, err := q.QueryContext(ctx, `SELECT u.name, u.role, u.created_at, coalesce(k.fingerprint, ''), coalesce(k.line, ''), coalesce(k.added_at, 0)
		FROM users u LEFT JOIN user_keys k ON k.user_name = u.name`+where+` ORDER BY u.name COLLATE NOCASE, k.added_at, k.fingerprint`, args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var role, fp, line string
		var created, added int64
		if err := rows.Scan(&u.Name, &role, &created, &fp, &line, &added); err != nil {
			return nil, dbError(err)
		}
		if len(out) == 0 || out[len(out)-1].Name != u.Name {
			u.Role, u.Created = Role(role), parseTime(created)
			out = append(out, u)
		}
		if fp != "" {
			k := UserKey{Fingerprint: fp, Line: line, Added: parseTime(added)}
			if f := strings.SplitN(line, " ", 3); len(f) == 3 {
				k.Comment = f[2]
			}
			last := &out[len(out)-1]
			last.Keys = append(last.Keys, k)
		}
	}
	return out, dbError(rows.Err())
}
