#!/usr/bin/env bash
# Makes the demo photos, music and videograms in resources/demo from nothing
# (ffmpeg only). Everything is made here and released as CC0.
# Needs: apt-get install -y ffmpeg
set -euo pipefail
cd "$(dirname "$0")/../../resources/demo"
mkdir -p photos music/quiet-mornings music/river-songs videos

# Photos: small JPEGs drawn with ffmpeg filters, no metadata.
photo() { # out source-filter drawing text
  ffmpeg -y -loglevel error -f lavfi -i "$2" -frames:v 1 \
    -vf "$3,drawtext=text='$4':fontcolor=white:fontsize=44:borderw=3:bordercolor=black@0.6:x=(w-text_w)/2:y=h-90" \
    -map_metadata -1 -q:v 6 "$1"
}
photo photos/park.jpg 'gradients=s=800x600:c0=0x87ceeb:c1=0xf4e1a1:duration=1' 'drawbox=y=420:w=iw:h=180:color=0x2e7d32:t=fill' 'At the park'
photo photos/birthday.jpg 'gradients=s=800x600:c0=0xff8fab:c1=0xfff0f5:duration=1' 'drawbox=x=300:y=200:w=200:h=160:color=0x6a1b9a:t=fill' 'Happy birthday!'
photo photos/mountains.jpg 'gradients=s=800x600:c0=0x0d47a1:c1=0x90caf9:duration=1' 'drawbox=y=380:w=iw:h=220:color=0x37474f:t=fill' 'Our trip north'
photo photos/kitchen.jpg 'color=c=0xfff8e1:s=800x600:d=1' 'drawbox=x=200:y=250:w=400:h=200:color=0x8d6e63:t=fill' 'Sunday dinner'
photo photos/sunset.jpg 'gradients=s=800x600:c0=0xff7043:c1=0xffe0b2:duration=1' 'drawbox=y=470:w=iw:h=130:color=0x263238:t=fill' 'Sunset at the lake'
photo photos/soccer.jpg 'color=c=0x43a047:s=800x600:d=1' 'drawbox=x=0:y=295:w=iw:h=10:color=white:t=fill' 'Soccer practice'

# Music: short melodies synthesized note by note, Ogg Vorbis mono.
melody() { # out notes...
  local out=$1; shift
  local inputs=() filters='' i=0
  for note in "$@"; do
    inputs+=(-f lavfi -t 0.45 -i "sine=frequency=${note}:sample_rate=22050")
    filters+="[${i}:a]afade=t=out:st=0.3:d=0.15[a${i}];"
    i=$((i+1))
  done
  local concat=''
  for ((j=0; j<i; j++)); do concat+="[a${j}]"; done
  ffmpeg -y -loglevel error "${inputs[@]}" -filter_complex "${filters}${concat}concat=n=${i}:v=0:a=1,volume=0.5[out]" -map '[out]' -ac 1 -c:a libvorbis -q:a 1 "$out"
}
C=262; D=294; E=330; F=349; G=392; A=440; B=494; C2=523
melody music/quiet-mornings/01-sunrise.ogg $C $E $G $C2 $G $E $C $E $G $C2 $G $E $D $F $A $F $D $C $E $G $C2 $B $A $G $F $E $D $C $D $E $C $C $E $G $C2 $G $E $C
melody music/quiet-mornings/02-coffee.ogg $G $E $E $F $D $D $C $D $E $F $G $G $G $G $E $E $F $D $D $C $E $G $G $C $D $D $D $D $D $E $F $E $E $E $E $E $F $G
melody music/quiet-mornings/03-walk.ogg $E $D $C $D $E $E $E $D $D $D $E $G $G $E $D $C $D $E $E $E $E $D $D $E $D $C $C $E $G $E $D $C $D $E $E $E
melody music/river-songs/01-current.ogg $A $C2 $B $A $G $E $G $A $A $C2 $B $A $G $E $D $E $A $C2 $B $A $G $E $G $A $C2 $B $A $G $A $A $E $G
melody music/river-songs/02-stones.ogg $D $F $A $F $D $F $A $C2 $A $F $D $C $D $F $A $F $D $F $A $C2 $A $F $E $D $D $F $A $D $F $A
melody music/river-songs/03-evening.ogg $C2 $B $A $G $F $E $D $C $D $E $F $G $A $B $C2 $C2 $B $A $G $F $E $D $C $C $E $G $C2

# Videograms: a greeting card over test colour bars with a tone, VP8 + Vorbis.
video() { # out seconds text
  ffmpeg -y -loglevel error -f lavfi -i "testsrc2=size=320x240:rate=15:duration=$2" -f lavfi -i "sine=frequency=440:duration=$2:sample_rate=22050" \
    -vf "drawbox=y=90:w=iw:h=60:color=black@0.6:t=fill,drawtext=text='$3':fontcolor=white:fontsize=22:x=(w-text_w)/2:y=108" \
    -c:v libvpx -b:v 150k -c:a libvorbis -q:a 0 -ac 1 -shortest "$1"
}
video videos/hello-from-home.webm 12 'Hello from home!'
video videos/happy-birthday.webm 15 'Happy birthday Dad'
video videos/kids-say-hi.webm 10 'The kids say hi'
