package cli

import (
	"io"
	"strings"
	"testing"
)

func TestLimitedReader(t *testing.T) {
	t.Run("an input at the limit is read whole", func(t *testing.T) {
		data, err := io.ReadAll(&limitedReader{r: strings.NewReader("0123456789"), left: 10})
		if err != nil || string(data) != "0123456789" {
			t.Fatalf("ReadAll = %q, %v", data, err)
		}
	})
	t.Run("an input past the limit fails, naming the limit", func(t *testing.T) {
		_, err := io.ReadAll(&limitedReader{r: strings.NewReader("0123456789x"), left: 10})
		if err == nil || err.Error() != "the file is larger than 512 MiB" {
			t.Fatalf("error = %v", err)
		}
	})
}
