// Command icon writes Frontier's application icon, Icon.png (512×512), as
// drawn by package appicon. Run it from the repository root:
//
//	go run ./cmd/icon
package main

import (
	"flag"
	"fmt"
	"image/png"
	"os"

	"frontier/app/appicon"
)

func main() {
	out := flag.String("o", "Icon.png", "output file")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	if err := write(*out, *size); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
}

func write(path string, size int) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := png.Encode(f, appicon.Draw(size)); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
