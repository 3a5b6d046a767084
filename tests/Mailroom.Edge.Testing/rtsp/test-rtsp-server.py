#!/usr/bin/python3
"""A tiny RTSP camera for the video tests: H.264 test pattern on rtsp://127.0.0.1:PORT/cam.

usage: test-rtsp-server.py PORT [WIDTH HEIGHT [AUDIO [USER:PASSWORD]]]
AUDIO adds a test tone: "mp3" (audiotestsrc -> lamemp3enc -> rtpmpapay) or "pcmu" (G.711 mu-law at 8 kHz mono,
mulawenc -> rtppcmupay, what many IP cameras send); "" for none.
USER:PASSWORD makes the camera require HTTP Basic authentication (401 otherwise), like a real camera.
Prints "ready" on stdout once the server listens; runs until SIGTERM/SIGINT.
"""
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port = sys.argv[1]
width = sys.argv[2] if len(sys.argv) > 2 else "320"
height = sys.argv[3] if len(sys.argv) > 3 else "240"
audio = sys.argv[4] if len(sys.argv) > 4 else ""
credentials = sys.argv[5] if len(sys.argv) > 5 else ""
AUDIO = {
    "": "",
    "mp3": "audiotestsrc is-live=true wave=sine ! audioconvert ! lamemp3enc bitrate=64 ! rtpmpapay name=pay1 pt=97 ",
    "pcmu": "audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! audio/x-raw,rate=8000,channels=1 "
    "! mulawenc ! rtppcmupay name=pay1 pt=0 ",
}
if audio not in AUDIO:
    print("unknown audio codec " + audio, file=sys.stderr, flush=True)
    sys.exit(2)

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
# One keyframe a second (25 fps), SPS/PPS with every keyframe so each segment decodes on its own, like an IP camera.
factory.set_launch(
    f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate=25/1 "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=500 "
    "! rtph264pay name=pay0 pt=96 config-interval=-1 "
    + AUDIO[audio]
    + ")"
)
factory.set_shared(True)
if credentials:
    user, password = credentials.split(":", 1)
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", "viewer")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("viewer", "media.factory.access", True)
    permissions.add_permission_for_role("viewer", "media.factory.construct", True)
    factory.set_permissions(permissions)
server.get_mount_points().add_factory("/cam", factory)
if server.attach(None) == 0:
    print("cannot listen on port " + port, file=sys.stderr, flush=True)
    sys.exit(1)

loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
print("ready", flush=True)
loop.run()
